package com.trafficmanager.console.route;

/** Whether the Traffic Manager sends traffic to the route. A new route starts {@link #INACTIVE}. */
public enum RouteState {
    ACTIVE("active"),
    INACTIVE("inactive");

    private final String dbName;

    RouteState(String dbName) {
        this.dbName = dbName;
    }

    /** The value in the {@code route.state} column. */
    public String dbName() {
        return dbName;
    }

    public static RouteState fromDb(String value) {
        for (RouteState s : values()) {
            if (s.dbName.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown route state '" + value + "'");
    }
}
