package com.trafficmanager.console.ui.routes;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** How the Routes tab writes times and event ids, in one place so the table, history and status agree. */
final class RouteFormats {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private RouteFormats() {
    }

    /** Local time to the second; empty for null. */
    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The first 8 hex digits and an ellipsis, as the status line shows an event: {@code 9f2c1a3b...}. */
    static String shortId(UUID id) {
        return id == null ? "" : id.toString().substring(0, 8) + "...";
    }
}
