package com.trafficmanager.console.ui.invalidation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the tab writes durations, times and rates. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** "0 s", "12.3 s", "4 m 05 s", "2 h 03 m"; "?" for a negative (unknown) value. */
    static String duration(long ms) {
        if (ms < 0) {
            return "?";
        }
        if (ms < 60_000) {
            return ms == 0 ? "0 s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d m %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d m", s / 3600, (s % 3600) / 60);
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
                : String.format(Locale.ROOT, "%.1f/s", perSecond);
    }
}
