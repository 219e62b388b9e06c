package com.trafficmanager.console.outbox;

import java.util.UUID;

/**
 * An event Kafka acknowledged and the relay marked published. {@code ackNanos} is the
 * {@link System#nanoTime()} of the acknowledgement (for latency measurements in this JVM only).
 */
public record PublishedEvent(UUID eventId, long outboxId, String key, int partition, long offset, long ackNanos) {
}
