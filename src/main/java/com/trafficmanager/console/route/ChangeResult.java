package com.trafficmanager.console.route;

import com.trafficmanager.console.event.Action;
import java.util.Optional;
import java.util.UUID;

/**
 * What a committed change did: the route before and after (before is null for a create, after null for
 * a delete), and the event that will carry it to Kafka. The event is committed but maybe not yet
 * published; ask {@link RouteService#publishState} (or listen to the relay) for its partition and offset.
 */
public record ChangeResult(Action action, RouteKey key, Route before, Route after, UUID eventId, UUID requestId,
                           long outboxId, String eventKey) {

    /** The route as it now is; empty after a delete. */
    public Optional<Route> route() {
        return Optional.ofNullable(after);
    }
}
