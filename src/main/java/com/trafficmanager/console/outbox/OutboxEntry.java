package com.trafficmanager.console.outbox;

import java.util.UUID;

/** An event to publish, as the writer's transaction inserts it: the key and the exact record bytes. */
public record OutboxEntry(UUID eventId, String key, String eventVersion, byte[] payload) {
}
