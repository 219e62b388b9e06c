package com.trafficmanager.console.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one timestamp shape this console writes, {@code 2024-01-14T10:30:00.123Z}, read without the
 * general parser, which costs more than the rest of an event's decoding. Anything else (other
 * precision, an offset, a bad date) is left to {@code OffsetDateTime.parse}.
 */
final class Rfc3339 {
    private static final int LENGTH = "2024-01-14T10:30:00.123Z".length();

    private Rfc3339() {
    }

    /** The instant, or null when the text is not exactly that shape or not a real date and time. */
    static Instant parseUtcMillis(String s) {
        if (s.length() != LENGTH || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        int millis = digits(s, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the general parser words the refusal
        }
    }

    /** The number in {@code count} ASCII digits from {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
