package com.trafficmanager.console.route;

/** No such route, and none ever was (a route deleted meanwhile is a {@link RouteConflictException}). */
public final class RouteNotFoundException extends RouteServiceException {
    private final RouteKey key;

    public RouteNotFoundException(RouteKey key) {
        super("route " + key + " does not exist");
        this.key = key;
    }

    public RouteKey key() {
        return key;
    }
}
