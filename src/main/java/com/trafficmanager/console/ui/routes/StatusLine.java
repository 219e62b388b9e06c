package com.trafficmanager.console.ui.routes;

/** The line under the table that says what the last action did, and how it should look. */
public record StatusLine(String text, Kind kind) {
    public enum Kind { INFO, WORKING, OK, WARN, ERROR }

    public static final StatusLine NONE = new StatusLine("", Kind.INFO);

    static StatusLine info(String text) {
        return new StatusLine(text, Kind.INFO);
    }

    static StatusLine working(String text) {
        return new StatusLine(text, Kind.WORKING);
    }

    static StatusLine ok(String text) {
        return new StatusLine(text, Kind.OK);
    }

    static StatusLine warn(String text) {
        return new StatusLine(text, Kind.WARN);
    }

    static StatusLine error(String text) {
        return new StatusLine(text, Kind.ERROR);
    }
}
