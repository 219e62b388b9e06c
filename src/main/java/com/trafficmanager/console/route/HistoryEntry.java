package com.trafficmanager.console.route;

import com.trafficmanager.console.outbox.PublishState;
import java.time.Instant;
import java.util.UUID;

/**
 * One change of a route as {@code route_history} records it, with where its event stands on Kafka.
 * {@code beforeJson} is null for a create, {@code afterJson} null for a delete; both are snapshots
 * {@code {"url":..., "state":..., "row_version":...}}. {@code action} is the name as stored (an
 * {@link com.trafficmanager.console.event.Action}'s wire name): a later console may record actions this
 * one does not know, and its history must still read and show them as they are.
 */
public record HistoryEntry(long id, RouteKey key, String action, String beforeJson, String afterJson, long rowVersion,
                           String actor, String hostName, UUID requestId, UUID eventId, Instant occurredAt,
                           PublishState publishState) {
}
