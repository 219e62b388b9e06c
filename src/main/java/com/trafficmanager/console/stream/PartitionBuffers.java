package com.trafficmanager.console.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link EventRing} per partition, all with the same capacity, plus the count of malformed
 * records seen per partition (counted on arrival, so evicting a record does not uncount it).
 *
 * <p>Not thread-safe: owned by the thread that drains the tail's queue (the JavaFX thread in the
 * console, the test thread in tests).
 */
public final class PartitionBuffers {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<Integer, EventRing> rings = new TreeMap<>();
    private final Map<Integer, long[]> counters = new TreeMap<>(); // [received, malformed]
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
        c[0]++;
        if (e.malformed()) {
            c[1]++;
        }
        return ring(e.partition()).add(e);
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
        return counters(partition)[0];
    }

    public long malformed(int partition) {
        return counters(partition)[1];
    }

    public long malformedTotal() {
        return counters.values().stream().mapToLong(c -> c[1]).sum();
    }

    /** Clears one partition's events and counters. */
    public void clear(int partition) {
        EventRing r = rings.get(partition);
        if (r != null) {
            r.clear();
        }
        long[] c = counters.get(partition);
        if (c != null) {
            c[0] = 0;
            c[1] = 0;
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
        rings.values().forEach(r -> r.resize(newCapacity));
    }

    /** Every buffered event of one partition, oldest first. */
    public List<TailEvent> events(int partition) {
        EventRing r = rings.get(partition);
        return r == null ? Collections.emptyList() : r.toList();
    }

    /**
     * Every buffered event of all partitions merged by timestamp (ties by partition, then offset),
     * oldest first.
     */
    public List<TailEvent> mergedByTimestamp() {
        List<TailEvent> all = new ArrayList<>(bufferedTotal());
        rings.values().forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                all.add(r.get(i));
            }
        });
        all.sort(EventOrder.BY_TIMESTAMP);
        return all;
    }

    private long[] counters(int partition) {
        return counters.computeIfAbsent(partition, p -> new long[2]);
    }
}
