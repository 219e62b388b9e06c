package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.route.RouteKey;
import java.util.UUID;

/**
 * The Redis keys this feature reads and writes. The route's cached value lives at the seed's key,
 * {@code route:tenant:service:env:version}; the revision marker and the remembered event ids use
 * other prefixes, so a {@code SCAN route:*} sees cached routes only.
 */
public final class CacheKeys {
    public static final String ROUTE_PATTERN = "route:*";
    static final String MARKER_PREFIX = "route-rev:";
    static final String SEEN_PREFIX = "route-inval:seen:";

    private CacheKeys() {
    }

    /** {@code route:tenant:service:env:version} from an event key {@code tenant:service:env:version}. */
    public static String route(String eventKey) {
        return EventKeys.cacheKey(eventKey);
    }

    public static String route(RouteKey key) {
        return route(key.eventKey());
    }

    /** The revision marker an invalidation leaves: the newest revision invalidated (or {@code ?<event id>}). */
    public static String marker(String eventKey) {
        return MARKER_PREFIX + eventKey;
    }

    public static String marker(RouteKey key) {
        return marker(key.eventKey());
    }

    /** Where an {@code event_id} is remembered for the dedupe window. */
    public static String seen(UUID eventId) {
        return SEEN_PREFIX + eventId;
    }

    /** The event key of a {@code route:...} cache key, or null when it is not one. */
    public static String eventKeyOf(String cacheKey) {
        return cacheKey.startsWith("route:") ? cacheKey.substring("route:".length()) : null;
    }
}
