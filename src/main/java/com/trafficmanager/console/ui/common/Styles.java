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
    public static final String STARTUP = "tc-startup";
    public static final String TITLE = "tc-title";
    public static final String MUTED = "tc-muted";
    public static final String MONO = "tc-mono";
    public static final String ROUTE_STATE = "tc-route-state";
    public static final String ROUTE_ACTIVE = "tc-route-active";
    public static final String ROUTE_INACTIVE = "tc-route-inactive";
    public static final String ROUTES_EMPTY = "tc-routes-empty";
    public static final String ROUTES_TOOLBAR = "tc-routes-toolbar";
    public static final String FIELD_ERROR = "tc-field-error";
    public static final String STATUS_LINE = "tc-status-line";
    public static final String TRACE_PANE = "tc-trace-pane";
    public static final String TRACE_WAITING = "tc-trace-waiting";
    public static final String TRACE_UNSEEN = "tc-trace-unseen";
    public static final String PANE_TITLE = "tc-pane-title";

    public static final String AUDIT = "tc-audit";
    public static final String PROFILE_EDITOR = "tc-profile-editor";
    public static final String CHECK_OK = "tc-check-ok";
    public static final String CHECK_FAILED = "tc-check-failed";

    public static final String INVAL_TILE = "tc-inval-tile";
    public static final String INVAL_TILE_VALUE = "tc-inval-tile-value";
    public static final String INVAL_SECTION = "tc-inval-section";

    public static final String LIVE_TOOLBAR = "tc-live-toolbar";
    public static final String LIVE_MALFORMED = "tc-live-malformed";
    public static final String LIVE_DETAILS = "tc-live-details";

    private Styles() {
    }

    /** Every state class, so a view can remove the old one before adding the new. */
    public static final java.util.List<String> STATE_CLASSES = java.util.List.of(STATE_OK, STATE_WARN, STATE_BAD, STATE_IDLE);
}
