package com.trafficmanager.console.invalidation;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;

/**
 * The events of rounds Redis failed half-way, until each has been through a round that answered, so
 * the counters say what happened to it once. Every round writes a token of its own with the event ids
 * it remembers; a broken round may have run some of its events, which answer the retry as duplicates
 * remembered with that round's token: those count as the deletion or absence they were, not as
 * duplicates. A duplicate remembered with any other token (a second copy of the event in the retried
 * batch, an earlier round's, another consumer's) is still a duplicate.
 *
 * <p>Hazard: bounded at {@value #MAX_EVENTS} events (a long outage with ever new batches would otherwise
 * grow it); beyond that an event a broken round ran counts as a duplicate, the cache is right either
 * way. Used by the consumer's thread only.
 */
final class RetriedEvents {
    static final int MAX_EVENTS = 100_000;

    /** An event of a broken round: where it is, and the tokens of the rounds that may have run it. */
    private record Unsettled(TopicPartition partition, Set<String> tokens) {
    }

    private final Map<UUID, Unsettled> unsettled = new HashMap<>();

    /** A round written with {@code token} failed: its events are unsettled until a round that answers has them. */
    void failed(Collection<DecodedRecord> batch, String token) {
        for (DecodedRecord d : batch) {
            if (d.malformed()) {
                continue;
            }
            Unsettled u = unsettled.get(d.event().eventId());
            if (u == null && unsettled.size() < MAX_EVENTS) {
                u = new Unsettled(new TopicPartition(d.record().topic(), d.record().partition()), new HashSet<>());
                unsettled.put(d.event().eventId(), u);
            }
            if (u != null) {
                u.tokens().add(token);
            }
        }
    }

    /**
     * What an event of an answered round counts as: when it is unsettled and Redis remembered it with the
     * token of one of the broken rounds it was in ({@code remembered}: the token and 0 or 1, for a
     * duplicate), the absence or deletion that round did; otherwise what Redis answered now.
     */
    Outcome settle(UUID eventId, Outcome outcome, String remembered) {
        Unsettled u = unsettled.remove(eventId);
        if (u == null || outcome != Outcome.DUPLICATE || remembered == null || remembered.isEmpty()) {
            return outcome;
        }
        String token = remembered.substring(0, remembered.length() - 1);
        if (!u.tokens().contains(token)) {
            return outcome;
        }
        return remembered.endsWith("1") ? Outcome.DELETED : Outcome.ABSENT;
    }

    /** A new assignment: events of partitions no longer this consumer's will not come back to it. */
    void keepOnly(Collection<TopicPartition> assigned) {
        unsettled.values().removeIf(u -> !assigned.contains(u.partition()));
    }

    boolean isEmpty() {
        return unsettled.isEmpty();
    }
}
