package com.trafficmanager.console.ui.common;

/** Style-class names used by the views and by console.css, in one place so they cannot drift apart. */
public final class Styles {
    public static final String STYLESHEET = "/com/trafficmanager/console/ui/console.css";

    public static final String STATUS_BAR = "tc-status-bar";
    public static final String SERVER_STATE = "tc-server-state";
    public static final String STATE_OK = "tc-state-ok";
    public static final String STATE_WARN = "tc-state-warn";
    public static final String STATE_BAD = "tc-state-bad";
    public static final String STATE_IDLE = "tc-state-idle";
    public static final String BADGE = "tc-badge";
    public static final String BADGE_READ_ONLY = "tc-badge-read-only";
    public static final String PLACEHOLDER = "tc-placeholder";
    public static final String STARTUP = "tc-startup";
    public static final String TITLE = "tc-title";
    public static final String MUTED = "tc-muted";
    public static final String MONO = "tc-mono";
    public static final String LIVE_TOOLBAR = "tc-live-toolbar";
    public static final String LIVE_MALFORMED = "tc-live-malformed";
    public static final String LIVE_DETAILS = "tc-live-details";

    private Styles() {
    }

    /** Every state class, so a view can remove the old one before adding the new. */
    public static final java.util.List<String> STATE_CLASSES = java.util.List.of(STATE_OK, STATE_WARN, STATE_BAD, STATE_IDLE);
}
