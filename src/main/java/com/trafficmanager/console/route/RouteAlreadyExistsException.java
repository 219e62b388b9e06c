package com.trafficmanager.console.route;

/** A create named a key that is taken; the existing route is left as it was. */
public final class RouteAlreadyExistsException extends RouteServiceException {
    private final Route existing;

    public RouteAlreadyExistsException(Route existing) {
        super("route " + existing.key() + " already exists (created by '" + existing.createdBy() + "', now "
                + existing.state().dbName() + " at " + existing.url() + ")");
        this.existing = existing;
    }

    public Route existing() {
        return existing;
    }
}
