package com.trafficmanager.console.route;

import java.time.Instant;
import java.util.Objects;

/**
 * A route as stored: where the key sends traffic, whether it is active, and the {@code rowVersion}
 * an operator must name to change it (optimistic locking).
 */
public record Route(RouteKey key, String url, RouteState state, long rowVersion, Instant createdAt, String createdBy,
                    Instant updatedAt, String updatedBy) {

    public Route {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
    }

    public boolean active() {
        return state == RouteState.ACTIVE;
    }

    Route changedTo(String newUrl, RouteState newState, Instant at, String by) {
        return new Route(key, newUrl, newState, rowVersion + 1, createdAt, createdBy, at, by);
    }
}
