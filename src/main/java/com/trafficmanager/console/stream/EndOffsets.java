package com.trafficmanager.console.stream;

import java.util.Map;

/**
 * The log-end offsets of the partitions, with when they were read ({@link System#nanoTime()}): a rate
 * is the growth between two reads over the time between those reads, not between two looks at them.
 */
public record EndOffsets(Map<Integer, Long> byPartition, long readAtNanos) {
    /** Nothing read yet. */
    public static final EndOffsets NONE = new EndOffsets(Map.of(), Long.MIN_VALUE);

    public EndOffsets {
        byPartition = Map.copyOf(byPartition);
    }

    public boolean known() {
        return readAtNanos != Long.MIN_VALUE;
    }
}
