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
 * batch, a round that answered, another consumer's) is still a duplicate, and so is one remembered by
 * a round that broke before the event last became unsettled (a second copy of it, met again later:
 * the first copy was credited already). Broken rounds are numbered for that.
 *
 * <p>Hazard: bounded at {@value #MAX_EVENTS} events and {@value #MAX_TOKENS} broken rounds (an outage
 * that refuses every retry of a batch for hours adds one round every retry); beyond that an event a
 * broken round ran counts as a duplicate, the cache is right either way. Both are forgotten once no
 * event is unsettled. Used by the consumer's thread only.
 */
final class RetriedEvents {
    static final int MAX_EVENTS = 100_000;
    static final int MAX_TOKENS = 100_000;

    /** An unsettled event: its partition, and the number of the first broken round since it last settled. */
    private record Unsettled(TopicPartition partition, long since) {
    }

    private final Map<UUID, Unsettled> unsettled = new HashMap<>();
    /** The tokens of the rounds that broke off while events are unsettled, each with its number. */
    private final Map<String, Long> brokenRounds = new HashMap<>();
    private long failures;

    /** A round written with {@code token} failed: its events are unsettled until a round that answers has them. */
    void failed(Collection<DecodedRecord> batch, String token) {
        long number = ++failures;
        if (brokenRounds.size() < MAX_TOKENS) {
            brokenRounds.put(token, number);
        }
        for (DecodedRecord d : batch) {
            if (!d.malformed() && unsettled.size() < MAX_EVENTS) {
                unsettled.putIfAbsent(d.event().eventId(),
                        new Unsettled(new TopicPartition(d.record().topic(), d.record().partition()), number));
            }
        }
    }

    /**
     * What an event of an answered round counts as: when it is unsettled and Redis remembered it with the
     * token of a round that broke since it became unsettled ({@code remembered}: the token and 0 or 1, for
     * a duplicate), the absence or deletion that round did; otherwise what Redis answered now.
     */
    Outcome settle(UUID eventId, Outcome outcome, String remembered) {
        Unsettled u = unsettled.remove(eventId);
        Long broken = u == null || outcome != Outcome.DUPLICATE || remembered == null || remembered.isEmpty() ? null
                : brokenRounds.get(remembered.substring(0, remembered.length() - 1));
        forgetBrokenRoundsOnceSettled();
        if (broken == null || broken < u.since()) {
            return outcome;
        }
        return remembered.endsWith("1") ? Outcome.DELETED : Outcome.ABSENT;
    }

    /** A new assignment: events of partitions no longer this consumer's will not come back to it. */
    void keepOnly(Collection<TopicPartition> assigned) {
        unsettled.values().removeIf(u -> !assigned.contains(u.partition()));
        forgetBrokenRoundsOnceSettled();
    }

    /** No event left unsettled: what broke before cannot be credited to any event to come. */
    private void forgetBrokenRoundsOnceSettled() {
        if (unsettled.isEmpty()) {
            brokenRounds.clear();
        }
    }

    boolean isEmpty() {
        return unsettled.isEmpty();
    }
}
