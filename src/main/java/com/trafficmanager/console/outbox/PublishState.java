package com.trafficmanager.console.outbox;

import java.time.Instant;
import java.util.Locale;

/**
 * Where an event stands: still in the outbox waiting for Kafka, published (with its partition and
 * offset), or unknown to the outbox (never written, or a published row pruned after the retention
 * period). What the UI shows as "event 9f2c... on partition 3, offset 17".
 */
public record PublishState(Status status, Integer partition, Long offset, Instant publishedAt, int attempts,
                           String lastError) {

    public enum Status { PENDING, PUBLISHED, UNKNOWN }

    public static final PublishState UNKNOWN = new PublishState(Status.UNKNOWN, null, null, null, 0, null);

    public boolean published() {
        return status == Status.PUBLISHED;
    }

    /** A short description for a table cell or a tooltip. */
    public String describe() {
        return switch (status) {
            case PUBLISHED -> String.format(Locale.ROOT, "partition %d, offset %d", partition, offset);
            case PENDING -> attempts == 0 ? "pending"
                    : "pending (" + attempts + " attempts" + (lastError == null ? "" : ", last error: " + lastError) + ")";
            case UNKNOWN -> "not in the outbox";
        };
    }
}
