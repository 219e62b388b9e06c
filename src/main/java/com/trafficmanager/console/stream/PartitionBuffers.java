package com.trafficmanager.console.stream;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link EventRing} per partition, all with the same capacity, and per partition the counts of
 * records received, checked and found malformed.
 *
 * <p>Memory is bounded twice: each ring keeps at most {@code capacity} events, and all rings together
 * keep at most a byte budget ({@link EventRing#bytesOf} estimates each event). A count alone does not
 * bound the heap: 5,000 records of 200 KB from a stray producer are a gigabyte in one partition. Over
 * the budget, the oldest event of the ring that holds the most bytes goes, so a partition of large
 * records gives way before the small ones of the others.
 *
 * <p>Records arrive unchecked (the tail does not decode); {@link #checkSome} checks them in arrival
 * order within a time budget, and a record about to leave (pushed out by the capacity or the byte
 * budget, or dropped by a smaller capacity) is counted then. A record that leaves before anyone checked
 * it (a burst faster than the budget) is counted as unchecked, never guessed.
 *
 * <p>Not thread-safe: owned by the thread that drains the tail's queue (the JavaFX thread in the
 * console, the test thread in tests).
 */
public final class PartitionBuffers {
    public static final int DEFAULT_CAPACITY = 10_000;
    /**
     * All rings together hold at most this many (estimated) bytes: an eighth of the console's 1 GB heap.
     * The default 10,000 events of six partitions at 1 KB each take half of it; the table only refers to
     * these events, and the queue, the window and the other tabs need the rest.
     */
    public static final long DEFAULT_BYTE_BUDGET = 128L * 1024 * 1024;

    private final Map<Integer, EventRing> rings = new TreeMap<>();
    private static final int RECEIVED = 0;
    private static final int MALFORMED = 1;
    private static final int CURSOR = 2; // sequence number of the first record not counted yet
    private static final int UNCHECKED = 3;
    /** At least this many records are checked per call, whatever the budget, so progress is certain... */
    static final int MIN_CHECKS = 256;
    /**
     * ... unless their values reach this many bytes first (at least one record is checked all the same):
     * 256 records of 200 KB would be 50 MB of JSON to decode on the window's thread past its budget.
     */
    static final long MIN_CHECK_BYTES = 256 * 1024;

    private final Map<Integer, long[]> counters = new TreeMap<>(); // see the indexes above
    private final long byteBudget;
    private long bytesHeld; // the sum of the rings' bytes, kept as they change
    private long budgetDrops; // events the byte budget dropped, ever
    private int capacity;

    public PartitionBuffers(int capacity) {
        this(capacity, DEFAULT_BYTE_BUDGET);
    }

    /** With a byte budget for all rings together other than {@link #DEFAULT_BYTE_BUDGET} (tests use small ones). */
    public PartitionBuffers(int capacity, long byteBudget) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (byteBudget <= 0) {
            throw new IllegalArgumentException("byte budget must be positive, got " + byteBudget);
        }
        this.capacity = capacity;
        this.byteBudget = byteBudget;
    }

    public int capacity() {
        return capacity;
    }

    /** The estimated bytes all rings hold together; never more than {@link #byteBudget()} after an add. */
    public long bytesHeld() {
        return bytesHeld;
    }

    public long byteBudget() {
        return byteBudget;
    }

    /**
     * How many events the byte budget has dropped so far (not the capacity): the oldest of whichever ring
     * held the most, so not necessarily the oldest shown; a table that refers to events checks its rows
     * again when this changes.
     */
    public long budgetDrops() {
        return budgetDrops;
    }

    /**
     * Adds an event to its partition's ring, then, while all rings hold more than the byte budget, drops
     * the oldest event of the heaviest ring (the event itself, if it alone is larger than the budget).
     * Returns the event the ring's capacity pushed out, or null; what the byte budget drops is counted
     * (see the class comment), not returned.
     */
    public TailEvent add(TailEvent e) {
        long[] c = counters(e.partition());
        EventRing ring = ring(e.partition());
        if (ring.size() == ring.capacity()) {
            countLeaving(c, ring);
        }
        c[RECEIVED]++;
        long before = ring.bytes();
        TailEvent pushedOut = ring.add(e);
        bytesHeld += ring.bytes() - before;
        keepWithinBudget();
        return pushedOut;
    }

    /**
     * Drops the oldest event of the ring that holds the most bytes until all rings are within the budget.
     * The rings are scanned only when over budget, and one scan drops from its ring for as long as that
     * ring still holds the most.
     */
    private void keepWithinBudget() {
        while (bytesHeld > byteBudget) {
            Map.Entry<Integer, EventRing> heaviest = null;
            long most = -1;
            long second = 0;
            for (Map.Entry<Integer, EventRing> entry : rings.entrySet()) {
                long b = entry.getValue().bytes();
                if (b > most) {
                    second = Math.max(second, most);
                    most = b;
                    heaviest = entry;
                } else if (b > second) {
                    second = b;
                }
            }
            if (heaviest == null || heaviest.getValue().isEmpty()) {
                return; // cannot be while the total is the rings' sum; a guard against looping for ever
            }
            EventRing ring = heaviest.getValue();
            long[] c = counters(heaviest.getKey());
            do {
                dropOldest(c, ring);
                budgetDrops++;
            } while (bytesHeld > byteBudget && !ring.isEmpty() && ring.bytes() >= second);
        }
    }

    /** Drops a ring's oldest event, counting it first as {@link #countLeaving} says. */
    private void dropOldest(long[] c, EventRing ring) {
        countLeaving(c, ring);
        long before = ring.bytes();
        ring.removeOldest();
        bytesHeld -= before - ring.bytes();
    }

    /**
     * Counts a ring's oldest event as it is about to leave, unless it was counted already: by its verdict
     * if someone checked it (it was shown, say), else as unchecked. Never decodes.
     */
    private static void countLeaving(long[] c, EventRing ring) {
        long oldestSeq = c[RECEIVED] - ring.size();
        if (oldestSeq >= c[CURSOR]) {
            count(c, ring.oldest(), false);
            c[CURSOR] = oldestSeq + 1;
        }
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
     * {@link #MIN_CHECKS} of them, or {@link #MIN_CHECK_BYTES} of values, and always one). Returns how
     * many are still waiting.
     */
    public long checkSome(long deadlineNanos) {
        long waiting = 0;
        int done = 0;
        long doneBytes = 0;
        for (Map.Entry<Integer, EventRing> entry : rings.entrySet()) {
            long[] c = counters(entry.getKey());
            EventRing ring = entry.getValue();
            long firstSeq = c[RECEIVED] - ring.size();
            c[CURSOR] = Math.max(c[CURSOR], firstSeq);
            while (c[CURSOR] < c[RECEIVED]) {
                // past the minimum, the clock is read before each record: one may take milliseconds to decode
                if ((done >= MIN_CHECKS || doneBytes >= MIN_CHECK_BYTES) && System.nanoTime() > deadlineNanos) {
                    break;
                }
                TailEvent e = ring.get((int) (c[CURSOR] - firstSeq));
                count(c, e, true);
                c[CURSOR]++;
                done++;
                doneBytes += e.size();
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
            bytesHeld -= r.bytes();
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

    /**
     * Changes every ring's capacity, keeping the newest events. What a smaller ring drops is counted as an
     * eviction counts it (by its verdict if checked, else as unchecked), not checked now: this runs on the
     * window's thread, and checking first decoded every unchecked record (up to 50,000 a partition) there in
     * one go. What stays is left to later {@link #checkSome} calls.
     */
    public void resize(int newCapacity) {
        if (newCapacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + newCapacity);
        }
        capacity = newCapacity;
        for (Map.Entry<Integer, EventRing> entry : rings.entrySet()) {
            EventRing ring = entry.getValue();
            long[] c = counters(entry.getKey());
            while (ring.size() > newCapacity) {
                dropOldest(c, ring);
            }
            ring.resize(newCapacity);
        }
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
