package com.trafficmanager.console.route;

import com.trafficmanager.console.event.Action;

/**
 * The request would change nothing (activating an active route, setting the URL it already has).
 * Refused so that no history entry and no event say something happened when nothing did.
 */
public final class NoChangeException extends RouteServiceException {
    private final RouteKey key;
    private final Action action;

    public NoChangeException(RouteKey key, Action action, String reason) {
        super("nothing to do: route " + key + " " + reason);
        this.key = key;
        this.action = action;
    }

    public RouteKey key() {
        return key;
    }

    public Action action() {
        return action;
    }
}
