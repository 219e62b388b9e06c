package com.trafficmanager.console.route;

/** The route is in a state that does not allow the request, e.g. deleting a route that is active. */
public final class RouteStateException extends RouteServiceException {
    private final RouteKey key;

    public RouteStateException(RouteKey key, String message) {
        super(message);
        this.key = key;
    }

    public RouteKey key() {
        return key;
    }
}
