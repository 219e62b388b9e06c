package com.trafficmanager.console.invalidation;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The consumer's counters at one moment: per partition, in total, and the ones that belong to the
 * consumer as a whole (retries of Redis, rebalances).
 */
public record CounterSnapshot(SortedMap<Integer, Counts> byPartition, Counts total, long retries, long rebalances) {
    public CounterSnapshot {
        byPartition = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byPartition));
    }

    public static final CounterSnapshot EMPTY = new CounterSnapshot(new TreeMap<>(), Counts.ZERO, 0, 0);

    public Counts partition(int partition) {
        return byPartition.getOrDefault(partition, Counts.ZERO);
    }

    static CounterSnapshot of(Map<Integer, Counts> byPartition, Counts groupLevel, long retries, long rebalances) {
        Counts total = groupLevel;
        for (Counts c : byPartition.values()) {
            total = total.plus(c);
        }
        return new CounterSnapshot(new TreeMap<>(byPartition), total, retries, rebalances);
    }
}
