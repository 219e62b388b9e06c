package com.trafficmanager.console.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where one route change is: the hops it has passed, with their times, and the latency between them.
 * Immutable; {@link TraceBook} replaces a trace with a new one as hops arrive.
 *
 * @param followedSince when this console began following the change: its commit's record here, or the
 *                      lookup that rebuilt it from the outbox (null for hops kept before their commit's
 *                      record). The watcher does not await this console's consumer for a change published
 *                      well before that: its processing, if any, happened before anything here watched.
 * @param reopenedAt    when an operator last opened a trace the book already held (Show trace), else null:
 *                      the watcher then follows it again although it made no progress for a long time
 */
public record ChangeTrace(UUID eventId, String routeKey, String action, long revision, int partition,
                          Map<Hop, HopRecord> hops, Instant followedSince, Instant reopenedAt) {
    /** The partition when the event's publish is not known yet. */
    public static final int UNKNOWN_PARTITION = -1;

    public ChangeTrace {
        EnumMap<Hop, HopRecord> copy = new EnumMap<>(Hop.class);
        copy.putAll(hops);
        hops = Collections.unmodifiableMap(copy);
    }

    /**
     * @param routeKey      {@code tenant:service:env:version}
     * @param revision      the route's row_version after the change (what the cache must not be older than)
     * @param followedSince now, by the book's clock
     */
    public static ChangeTrace start(UUID eventId, String routeKey, String action, long revision, Instant committedAt,
                                    String detail, Instant followedSince) {
        return new ChangeTrace(eventId, routeKey, action, revision, UNKNOWN_PARTITION,
                Map.of(Hop.COMMITTED, HopRecord.seen(committedAt, detail)), followedSince, null);
    }

    public ChangeTrace with(Hop hop, HopRecord record) {
        EnumMap<Hop, HopRecord> next = new EnumMap<>(Hop.class);
        next.putAll(hops);
        next.put(hop, record);
        return new ChangeTrace(eventId, routeKey, action, revision, partition, next, followedSince, reopenedAt);
    }

    public ChangeTrace withPartition(int partition) {
        return new ChangeTrace(eventId, routeKey, action, revision, partition, hops, followedSince, reopenedAt);
    }

    public ChangeTrace reopened(Instant at) {
        return new ChangeTrace(eventId, routeKey, action, revision, partition, hops, followedSince, at);
    }

    public Optional<HopRecord> hop(Hop hop) {
        return Optional.ofNullable(hops.get(hop));
    }

    public boolean complete() {
        return hops.containsKey(Hop.CACHE_VERIFIED);
    }

    /**
     * The latest sign of life: the newest hop time, when following began, or when an operator opened the
     * trace again; null when none is known. A change held up by an outage makes no progress meanwhile and
     * moves again when it ends (its publish or its consumer's report carries the time).
     */
    public Instant lastProgress() {
        Instant last = later(followedSince, reopenedAt);
        for (HopRecord record : hops.values()) {
            last = later(last, record.at());
        }
        return last;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    /** Time from the previous timed hop to this one; empty when either time is unknown. */
    public Optional<Duration> latencyTo(Hop hop) {
        HopRecord here = hops.get(hop);
        if (here == null || here.at() == null) {
            return Optional.empty();
        }
        for (int i = hop.ordinal() - 1; i >= 0; i--) {
            HopRecord before = hops.get(Hop.values()[i]);
            if (before != null && before.at() != null) {
                return Optional.of(Duration.between(before.at(), here.at()));
            }
        }
        return Optional.empty();
    }
}
