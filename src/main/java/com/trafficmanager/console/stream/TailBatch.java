package com.trafficmanager.console.stream;

import java.util.List;

/**
 * What the tail hands over in one piece: first the partitions whose buffers must be emptied (they
 * were re-seeked, so what is buffered no longer follows on from what comes next), then the events of
 * one poll, in partition-offset order.
 */
public record TailBatch(List<Integer> resetPartitions, List<TailEvent> events) {
    public TailBatch {
        resetPartitions = List.copyOf(resetPartitions);
        events = List.copyOf(events);
    }

    public static TailBatch events(List<TailEvent> events) {
        return new TailBatch(List.of(), events);
    }

    public static TailBatch reset(List<Integer> partitions) {
        return new TailBatch(partitions, List.of());
    }
}
