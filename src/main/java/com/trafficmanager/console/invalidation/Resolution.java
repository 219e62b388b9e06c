package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.route.RouteKey;

/**
 * What a read through the cache found.
 *
 * @param value null when the route does not exist
 */
public record Resolution(RouteKey key, Kind kind, CachedRoute value) {
    public enum Kind {
        /** Served from Redis. */
        HIT("hit"),
        /** Not cached: read from PostgreSQL and written to Redis. */
        MISS_FILLED("miss: read from the database, cached"),
        /** Not cached: read from PostgreSQL, but an invalidation passed meanwhile, so not cached. */
        MISS_REFUSED_STALE("miss: read from the database, not cached (an invalidation passed during the read)"),
        /** Not cached: the fill took so long the revision marker may have expired, so not cached. */
        MISS_TOO_SLOW("miss: read from the database, not cached (the read took too long to trust)"),
        /** Not cached and not in the database. */
        MISS_NOT_FOUND("miss: no such route");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public boolean hit() {
        return kind == Kind.HIT;
    }
}
