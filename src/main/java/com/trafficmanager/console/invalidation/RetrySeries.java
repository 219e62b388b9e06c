package com.trafficmanager.console.invalidation;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * The events of batches Redis failed half-way, until each has been through a round that answered, so
 * the counters say what happened to it once: the events a broken round did run answer, when retried,
 * as duplicates remembered with the broken round's token (the script stores each round's token with
 * the event ids it remembers, and the retries write the same token) and count as the deletion or
 * absence they were, not as duplicates. A second copy of an event in the retried batch, or an event
 * some earlier round remembered, is still a duplicate.
 *
 * <p>Hazard: bounded at {@value #MAX_EVENTS} events (a long outage with ever new batches would
 * otherwise grow it); events beyond that count as duplicates when retried, the cache is right either
 * way. Used by the consumer's thread only.
 */
final class RetrySeries {
    static final int MAX_EVENTS = 100_000;
    /** The broken round's token, written by every retry of the series too. */
    private final String token;
    /** Each unsettled event's partition, so a revoked partition's events can go. */
    private final Map<UUID, TopicPartition> unsettled = new HashMap<>();

    RetrySeries(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** A batch Redis failed: its events are unsettled until a round that answers has them. */
    void failed(Collection<DecodedRecord> batch) {
        for (DecodedRecord d : batch) {
            if (!d.malformed() && unsettled.size() < MAX_EVENTS) {
                unsettled.put(d.event().eventId(), new TopicPartition(d.record().topic(), d.record().partition()));
            }
        }
    }

    /**
     * What an event of an answered round counts as: the outcome a round of this series had for it
     * ({@code earlier}, from Redis) if it is still unsettled, otherwise what Redis answered now.
     */
    Outcome settle(UUID eventId, Outcome outcome, Outcome earlier) {
        boolean wasUnsettled = unsettled.remove(eventId) != null;
        return wasUnsettled && earlier != null ? earlier : outcome;
    }

    /** The partitions went to another member: their events will not come back to this series. */
    void forget(Collection<TopicPartition> partitions) {
        unsettled.values().removeAll(partitions);
    }

    /** Every event came back: the series can end. */
    boolean settled() {
        return unsettled.isEmpty();
    }
}
