package com.trafficmanager.console.trace;

import java.util.OptionalLong;

/**
 * What the route cache holds for a key, as far as a trace needs it: nothing, or a value with the
 * route's row_version (empty when the value is in a format this console does not know).
 */
public record CacheState(boolean present, OptionalLong rowVersion) {
    public static final CacheState ABSENT = new CacheState(false, OptionalLong.empty());

    public static CacheState holding(long rowVersion) {
        return new CacheState(true, OptionalLong.of(rowVersion));
    }

    /** A cache that holds nothing, or this revision or a newer one, is right for the change. */
    public boolean rightFor(long revision) {
        return !present || (rowVersion.isPresent() && rowVersion.getAsLong() >= revision);
    }

    public String describe() {
        if (!present) {
            return "key absent";
        }
        return rowVersion.isPresent() ? "key holds row_version " + rowVersion.getAsLong() : "key holds an unknown value";
    }
}
