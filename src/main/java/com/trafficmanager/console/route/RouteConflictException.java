package com.trafficmanager.console.route;

import java.time.Instant;

/**
 * The route changed since the operator looked at it: the row_version they named is not the one stored
 * (or the route was deleted meanwhile, then {@code foundRowVersion} is null). The view should reload
 * the route and let the operator decide again.
 */
public final class RouteConflictException extends RouteServiceException {
    private final RouteKey key;
    private final long expectedRowVersion;
    private final Long foundRowVersion;
    private final String lastChangedBy;
    private final Instant lastChangedAt;

    public RouteConflictException(RouteKey key, long expectedRowVersion, Long foundRowVersion, String lastChangedBy,
                                  Instant lastChangedAt) {
        super(message(key, expectedRowVersion, foundRowVersion, lastChangedBy, lastChangedAt));
        this.key = key;
        this.expectedRowVersion = expectedRowVersion;
        this.foundRowVersion = foundRowVersion;
        this.lastChangedBy = lastChangedBy;
        this.lastChangedAt = lastChangedAt;
    }

    private static String message(RouteKey key, long expected, Long found, String by, Instant at) {
        String who = by == null ? "someone else" : "'" + by + "'";
        String when = at == null ? "" : " at " + at;
        if (found == null) {
            return "route " + key + " was deleted by " + who + when + " (you saw row_version " + expected + ")";
        }
        return "route " + key + " was changed by " + who + when + ": you saw row_version " + expected
                + ", it is now " + found + "; reload it and try again";
    }

    public RouteKey key() {
        return key;
    }

    public long expectedRowVersion() {
        return expectedRowVersion;
    }

    /** The stored row_version, or null when the route no longer exists. */
    public Long foundRowVersion() {
        return foundRowVersion;
    }

    public String lastChangedBy() {
        return lastChangedBy;
    }

    public Instant lastChangedAt() {
        return lastChangedAt;
    }
}
