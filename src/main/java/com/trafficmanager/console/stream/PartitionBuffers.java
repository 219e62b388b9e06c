package com.trafficmanager.console.stream;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link EventRing} per partition, all with the same capacity, and per partition the counts of
 * records received, checked and found malformed.
 *
 * <p>Records arrive unchecked (the tail does not decode); {@link #checkSome} checks them in arrival
 * order within a time budget, and a record about to be evicted is counted then. A record evicted
 * before anyone checked it (a burst faster than the budget) is counted as unchecked, never guessed.
 *
 * <p>Not thread-safe: owned by the thread that drains the tail's queue (the JavaFX thread in the
 * console, the test thread in tests).
 */
public final class PartitionBuffers {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<Integer, EventRing> rings = new TreeMap<>();
    private static final int RECEIVED = 0;
    private static final int MALFORMED = 1;
    private static final int CURSOR = 2; // sequence number of the first record not counted yet
    private static final int UNCHECKED = 3;
    /** At least this many records are checked per call, whatever the budget, so progress is certain. */
    static final int MIN_CHECKS = 256;

    private final Map<Integer, long[]> counters = new TreeMap<>(); // see the indexes above
    private int capacity;

    public PartitionBuffers(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Adds an event to its partition's ring; returns the event it pushed out, or null. */
    public TailEvent add(TailEvent e) {
        long[] c = counters(e.partition());
        EventRing ring = ring(e.partition());
        if (ring.size() == ring.capacity()) {
            long oldestSeq = c[RECEIVED] - ring.size();
            if (oldestSeq >= c[CURSOR]) {
                count(c, ring.oldest(), false);
                c[CURSOR] = oldestSeq + 1;
            }
        }
        c[RECEIVED]++;
        return ring.add(e);
    }

    private static void count(long[] c, TailEvent e, boolean checkNow) {
        if (checkNow || e.checked()) {
            if (e.check()) {
                c[MALFORMED]++;
            }
        } else {
            c[UNCHECKED]++;
        }
    }

    /**
     * Checks buffered records not counted yet, oldest first, until {@code deadlineNanos} (at least
     * {@link #MIN_CHECKS} of them). Returns how many are still waiting.
     */
    public long checkSome(long deadlineNanos) {
        long waiting = 0;
        int done = 0;
        for (Map.Entry<Integer, EventRing> entry : rings.entrySet()) {
            long[] c = counters(entry.getKey());
            EventRing ring = entry.getValue();
            long firstSeq = c[RECEIVED] - ring.size();
            c[CURSOR] = Math.max(c[CURSOR], firstSeq);
            while (c[CURSOR] < c[RECEIVED]) {
                if (done >= MIN_CHECKS && (done & 31) == 0 && System.nanoTime() > deadlineNanos) {
                    break;
                }
                count(c, ring.get((int) (c[CURSOR] - firstSeq)), true);
                c[CURSOR]++;
                done++;
            }
            waiting += c[RECEIVED] - c[CURSOR];
        }
        return waiting;
    }

    public EventRing ring(int partition) {
        return rings.computeIfAbsent(partition, p -> new EventRing(capacity));
    }

    /** Makes sure a partition is known (it shows in the overview even before its first event). */
    public void know(int partition) {
        ring(partition);
        counters(partition);
    }

    public List<Integer> partitions() {
        return List.copyOf(rings.keySet());
    }

    public int buffered(int partition) {
        EventRing r = rings.get(partition);
        return r == null ? 0 : r.size();
    }

    public int bufferedTotal() {
        return rings.values().stream().mapToInt(EventRing::size).sum();
    }

    public long received(int partition) {
        return counters(partition)[RECEIVED];
    }

    /** Malformed records found so far (checked ones only). */
    public long malformed(int partition) {
        return counters(partition)[MALFORMED];
    }

    public long malformedTotal() {
        return counters.values().stream().mapToLong(c -> c[MALFORMED]).sum();
    }

    /** Records that left the buffer before they could be checked (bursts beyond the check budget). */
    public long unchecked(int partition) {
        return counters(partition)[UNCHECKED];
    }

    public long uncheckedTotal() {
        return counters.values().stream().mapToLong(c -> c[UNCHECKED]).sum();
    }

    /** Clears one partition's events and counters. */
    public void clear(int partition) {
        EventRing r = rings.get(partition);
        if (r != null) {
            r.clear();
        }
        long[] c = counters.get(partition);
        if (c != null) {
            java.util.Arrays.fill(c, 0);
        }
    }

    public void clearAll() {
        rings.keySet().forEach(this::clear);
    }

    public void resize(int newCapacity) {
        if (newCapacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + newCapacity);
        }
        capacity = newCapacity;
        checkSome(Long.MAX_VALUE); // count what a smaller ring is about to drop
        rings.values().forEach(r -> r.resize(newCapacity));
    }

    /** Every buffered event of one partition, oldest first. */
    public List<TailEvent> events(int partition) {
        EventRing r = rings.get(partition);
        return r == null ? Collections.emptyList() : r.toList();
    }

    /**
     * The newest {@code limit} buffered events of all partitions that match, merged by timestamp,
     * oldest first (see {@link NewestMerge}).
     */
    public List<TailEvent> newestByTimestamp(int limit, java.util.function.Predicate<TailEvent> matching) {
        return view().newestByTimestamp(limit, matching);
    }

    /** The rings as they are, not copied: for this thread only, and only until it adds again. */
    public BufferedEvents view() {
        Map<Integer, List<TailEvent>> byPartition = new TreeMap<>();
        rings.forEach((p, r) -> byPartition.put(p, r.view()));
        return new BufferedEvents(byPartition);
    }

    /**
     * What the rings hold now, copied (references only, oldest first per partition), for a filter to read
     * on another thread while this one goes on adding.
     */
    public BufferedEvents copy() {
        Map<Integer, List<TailEvent>> byPartition = new TreeMap<>();
        rings.forEach((p, r) -> byPartition.put(p, r.toList()));
        return new BufferedEvents(byPartition);
    }

    private long[] counters(int partition) {
        return counters.computeIfAbsent(partition, p -> new long[4]);
    }
}
