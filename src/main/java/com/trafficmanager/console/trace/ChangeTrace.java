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
 */
public record ChangeTrace(UUID eventId, String routeKey, String action, long revision, int partition,
                          Map<Hop, HopRecord> hops) {
    /** The partition when the event's publish is not known yet. */
    public static final int UNKNOWN_PARTITION = -1;


    public ChangeTrace {
        EnumMap<Hop, HopRecord> copy = new EnumMap<>(Hop.class);
        copy.putAll(hops);
        hops = Collections.unmodifiableMap(copy);
    }

    /**
     * @param routeKey {@code tenant:service:env:version}
     * @param revision the route's row_version after the change (what the cache must not be older than)
     */
    public static ChangeTrace start(UUID eventId, String routeKey, String action, long revision, Instant committedAt,
                                    String detail) {
        return new ChangeTrace(eventId, routeKey, action, revision, UNKNOWN_PARTITION,
                Map.of(Hop.COMMITTED, HopRecord.seen(committedAt, detail)));
    }

    public ChangeTrace with(Hop hop, HopRecord record) {
        EnumMap<Hop, HopRecord> next = new EnumMap<>(Hop.class);
        next.putAll(hops);
        next.put(hop, record);
        return new ChangeTrace(eventId, routeKey, action, revision, partition, next);
    }

    public ChangeTrace withPartition(int partition) {
        return new ChangeTrace(eventId, routeKey, action, revision, partition, hops);
    }

    public Optional<HopRecord> hop(Hop hop) {
        return Optional.ofNullable(hops.get(hop));
    }

    public boolean complete() {
        return hops.containsKey(Hop.CACHE_VERIFIED);
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
