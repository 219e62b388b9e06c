package com.trafficmanager.console.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The traces of recent changes, filled in as the hops happen: the relay reports publishes, the live
 * tail reports what it saw, the invalidation consumer what it processed, the cache check what it found.
 * Bounded (the oldest traces are dropped), thread-safe, and hops may arrive in any order (a fast tail
 * can see an event before the relay's acknowledgement callback runs).
 *
 * <p>Only changes this console started a trace for are followed; events of other consoles are ignored
 * here (their history still shows where they are).
 */
public final class TraceBook {
    public static final int DEFAULT_CAPACITY = 1_000;

    private final int capacity;
    private final Clock clock;
    private final Map<UUID, ChangeTrace> traces;
    /** Hops of events not (yet) followed: kept briefly, because a hop can beat its commit's record. */
    private final Map<UUID, ChangeTrace> early;
    private final List<Consumer<ChangeTrace>> listeners = new CopyOnWriteArrayList<>();

    public TraceBook(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.traces = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, ChangeTrace> eldest) {
                return size() > TraceBook.this.capacity;
            }
        };
        this.early = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, ChangeTrace> eldest) {
                return size() > TraceBook.this.capacity;
            }
        };
    }

    /** The clock the book's hops are timed by. */
    Clock clock() {
        return clock;
    }

    /**
     * Called with each new version of a trace, on the thread that reported the hop, after the book's lock
     * is released (a listener that blocks or calls back into the book holds no one up). Hazard: versions
     * of one trace reported from two threads can therefore arrive out of order; a listener that shows the
     * latest one reads {@link #find} rather than keeping the version it was passed.
     */
    public void addListener(Consumer<ChangeTrace> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<ChangeTrace> listener) {
        listeners.remove(listener);
    }

    /** Starts following a change this console committed, taking in any hop that arrived before. */
    public void committed(UUID eventId, String routeKey, String action, long revision, Instant at, String detail) {
        ChangeTrace next;
        synchronized (traces) {
            next = ChangeTrace.start(eventId, routeKey, action, revision, at, detail, clock.instant());
            ChangeTrace before = early.remove(eventId);
            if (before != null) {
                for (Map.Entry<Hop, HopRecord> e : before.hops().entrySet()) {
                    next = next.with(e.getKey(), e.getValue());
                }
                next = next.withPartition(before.partition());
            }
            traces.put(eventId, next);
        }
        ChangeTrace published = next;
        listeners.forEach(l -> l.accept(published));
    }

    /**
     * An operator opened the trace of a change the book holds (Show trace): it is followed again from now,
     * however long it made no progress. False, and nothing kept, when the book has no trace of it.
     */
    public boolean reopen(UUID eventId) {
        ChangeTrace next;
        synchronized (traces) {
            ChangeTrace existing = traces.get(eventId);
            if (existing == null) {
                return false;
            }
            next = existing.reopened(clock.instant());
            traces.put(eventId, next);
        }
        listeners.forEach(l -> l.accept(next));
        return true;
    }

    /** The event is on Kafka: the PUBLISHED hop, and the partition the consumer hop will come from. */
    public void published(UUID eventId, int partition, HopRecord record) {
        change(eventId, t -> t.with(Hop.PUBLISHED, record).withPartition(partition));
    }

    /** Records a hop now; kept briefly for events this console does not follow (yet). */
    public void hop(UUID eventId, Hop hop, String detail) {
        hop(eventId, hop, HopRecord.seen(clock.instant(), detail));
    }

    public void hop(UUID eventId, Hop hop, HopRecord record) {
        change(eventId, t -> t.with(hop, record));
    }

    /**
     * Records a hop unless the trace has one already: for what the watcher concludes ("not witnessed", a
     * publish by another console's relay), which must never replace what a witness reported meanwhile.
     */
    public void hopIfAbsent(UUID eventId, Hop hop, HopRecord record) {
        change(eventId, t -> t.hop(hop).isPresent() ? t : t.with(hop, record));
    }

    /** {@link #published} unless the trace has its publish already (the relay's own report comes first). */
    public void publishedIfAbsent(UUID eventId, int partition, HopRecord record) {
        change(eventId, t -> t.hop(Hop.PUBLISHED).isPresent() ? t : t.with(Hop.PUBLISHED, record).withPartition(partition));
    }

    /**
     * Records a hop only for a change this console follows, without keeping it for later: for witnesses
     * that see every event on the topic (the live tail reads them all, mostly other consoles' events, at
     * up to hundreds of thousands a second) and cannot beat the commit's record, which is taken right
     * after the commit while the event still has a database read and a Kafka round trip ahead of it.
     */
    public void hopIfFollowed(UUID eventId, Hop hop, String detail) {
        ChangeTrace next;
        synchronized (traces) {
            ChangeTrace existing = traces.get(eventId);
            if (existing == null) {
                return;
            }
            next = existing.with(hop, HopRecord.seen(clock.instant(), detail));
            traces.put(eventId, next);
        }
        listeners.forEach(l -> l.accept(next));
    }

    private void change(UUID eventId, java.util.function.UnaryOperator<ChangeTrace> step) {
        ChangeTrace next;
        synchronized (traces) {
            ChangeTrace existing = traces.get(eventId);
            if (existing == null) {
                ChangeTrace pending = early.get(eventId);
                early.put(eventId, step.apply(pending == null
                        ? new ChangeTrace(eventId, null, null, 0, ChangeTrace.UNKNOWN_PARTITION, Map.of(), null, null)
                        : pending));
                return;
            }
            next = step.apply(existing);
            if (next == existing) {
                return;
            }
            traces.put(eventId, next);
        }
        listeners.forEach(l -> l.accept(next));
    }

    public Optional<ChangeTrace> find(UUID eventId) {
        synchronized (traces) {
            return Optional.ofNullable(traces.get(eventId));
        }
    }

    public List<ChangeTrace> recent() {
        synchronized (traces) {
            return List.copyOf(traces.values());
        }
    }
}
