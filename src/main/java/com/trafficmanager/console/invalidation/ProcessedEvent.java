package com.trafficmanager.console.invalidation;

import java.time.Instant;

/**
 * One record as the consumer processed it, for the tab's list of last events.
 *
 * @param key     the Kafka key (may be null for a malformed record)
 * @param eventId the event id, or null when the record could not be read
 * @param action  the event's action, or empty
 * @param detail  the reason for a malformed record, otherwise empty
 */
public record ProcessedEvent(int partition, long offset, String key, String eventId, String action, Outcome outcome,
                             String detail, Instant at) {
}
