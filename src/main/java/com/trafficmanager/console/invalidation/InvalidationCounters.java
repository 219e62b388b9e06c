package com.trafficmanager.console.invalidation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The consumer's live counters. Written by the consumer thread once per record or batch, read by the
 * sampler whenever it likes: every field is atomic, so a reading is never torn per field (a snapshot
 * taken while a batch is being counted may hold part of it; the next one holds all of it).
 */
public final class InvalidationCounters {
    private static final int PROCESSED = 0;
    private static final int DELETED = 1;
    private static final int ABSENT = 2;
    private static final int DUPLICATES = 3;
    private static final int MALFORMED = 4;
    private static final int ERRORS = 5;
    private static final int COMMITS = 6;
    private static final int FIELDS = 7;

    private final Map<Integer, AtomicLongArray> partitions = new ConcurrentHashMap<>();
    private final AtomicLong groupErrors = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong rebalances = new AtomicLong();

    void outcome(int partition, Outcome outcome) {
        AtomicLongArray c = partition(partition);
        c.incrementAndGet(PROCESSED);
        switch (outcome) {
            case DELETED -> c.incrementAndGet(DELETED);
            case ABSENT -> c.incrementAndGet(ABSENT);
            case DUPLICATE -> c.incrementAndGet(DUPLICATES);
            case MALFORMED -> c.incrementAndGet(MALFORMED);
            case ERROR -> c.incrementAndGet(ERRORS);
        }
    }

    /** A failure not tied to one record: Redis unavailable, a commit refused, a DLQ send failed. */
    void error() {
        groupErrors.incrementAndGet();
    }

    void commit(Iterable<Integer> committedPartitions) {
        commits.incrementAndGet();
        for (int p : committedPartitions) {
            partition(p).incrementAndGet(COMMITS);
        }
    }

    void retry() {
        retries.incrementAndGet();
    }

    void rebalance() {
        rebalances.incrementAndGet();
    }

    /**
     * Back to zero (the tab's "Reset counters"). The partitions' arrays are dropped, not zeroed field by
     * field: an outcome the consumer is counting meanwhile lands whole in the old array or whole in a new
     * one, so processed stays the sum of the outcomes.
     */
    public void reset() {
        partitions.clear();
        groupErrors.set(0);
        commits.set(0);
        retries.set(0);
        rebalances.set(0);
    }

    public CounterSnapshot snapshot() {
        Map<Integer, Counts> byPartition = new HashMap<>();
        partitions.forEach((p, c) -> byPartition.put(p, new Counts(c.get(PROCESSED), c.get(DELETED), c.get(ABSENT),
                c.get(DUPLICATES), c.get(MALFORMED), c.get(ERRORS), c.get(COMMITS))));
        // per-partition commit counts say which partitions moved; the total counts commit calls
        Counts group = new Counts(0, 0, 0, 0, 0, groupErrors.get(), 0);
        CounterSnapshot summed = CounterSnapshot.of(byPartition, group, retries.get(), rebalances.get());
        Counts t = summed.total();
        return new CounterSnapshot(summed.byPartition(), new Counts(t.processed(), t.deleted(), t.absent(),
                t.duplicates(), t.malformed(), t.errors(), commits.get()), summed.retries(), summed.rebalances());
    }

    private AtomicLongArray partition(int p) {
        return partitions.computeIfAbsent(p, k -> new AtomicLongArray(FIELDS));
    }
}
