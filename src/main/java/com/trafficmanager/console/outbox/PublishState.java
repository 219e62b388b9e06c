package com.trafficmanager.console.outbox;

import com.trafficmanager.console.db.ClockOffset;
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

    /** The same state with its publish time, written by the database's clock, on a local one. */
    public PublishState onClock(ClockOffset databaseClock) {
        return publishedAt == null ? this
                : new PublishState(status, partition, offset, databaseClock.toLocal(publishedAt), attempts, lastError);
    }

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
