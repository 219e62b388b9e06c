package com.trafficmanager.console.route;

import java.util.Objects;

/** A route the operator wants to change, with the row_version they saw (the bulk actions take a list). */
public record VersionedKey(RouteKey key, long rowVersion) {
    public VersionedKey {
        Objects.requireNonNull(key, "key");
    }

    public static VersionedKey of(Route route) {
        return new VersionedKey(route.key(), route.rowVersion());
    }
}
