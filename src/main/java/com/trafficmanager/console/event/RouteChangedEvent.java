package com.trafficmanager.console.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code route_changed} event exactly as the seed schema defines it, plus the optional
 * {@code revision}: the route's row_version after the change (for a delete, the revision the route
 * would have had next). The invalidation consumer compares it against refills, so a stale refill
 * cannot overwrite a newer state.
 *
 * <p>{@code eventVersion} follows from the action (see {@link Action}), except for events read from
 * the topic, which keep what they carried.
 */
public record RouteChangedEvent(UUID eventId, String eventVersion, Action action, String tenant, String service,
                                String env, String version, String url, Instant occurredAt, String userId,
                                String requestId, Long revision) {

    public static final String EVENT_TYPE = "route_changed";

    public RouteChangedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventVersion, "eventVersion");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** A new event with the {@code event_version} of its action. */
    public static RouteChangedEvent of(UUID eventId, Action action, String tenant, String service, String env,
                                       String version, String url, Instant occurredAt, String userId,
                                       String requestId, Long revision) {
        return new RouteChangedEvent(eventId, action.eventVersion(), action, tenant, service, env, version, url,
                occurredAt, userId, requestId, revision);
    }

    public String eventType() {
        return EVENT_TYPE;
    }

    /** The Kafka key, {@code tenant:service:env:version}. */
    public String key() {
        return EventKeys.of(tenant, service, env, version);
    }
}
