package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EndOffsets;
import com.trafficmanager.console.stream.GroupOffsetsReader;
import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.stream.TailQueue;
import com.trafficmanager.console.stream.TailStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A source the test fills by hand: the queue is the real one, the rest are plain fields. */
final class FakeSource implements LiveSource {
    final TailQueue queue = new TailQueue(1_000_000);
    TailStatus status = TailStatus.of(TailStatus.State.LIVE, "live: 6 partitions");
    List<Integer> partitions = List.of(0, 1, 2, 3, 4, 5);
    Map<Integer, Long> ends = new HashMap<>();
    long endsReadAt = Long.MIN_VALUE; // set with ends: when the tail read them
    GroupOffsetsReader.Snapshot group = GroupOffsetsReader.Snapshot.NONE;
    final List<String> seeks = new ArrayList<>();
    boolean started;

    @Override
    public TailQueue queue() {
        return queue;
    }

    @Override
    public TailStatus status() {
        return status;
    }

    @Override
    public List<Integer> partitions() {
        return partitions;
    }

    @Override
    public EndOffsets endOffsets() {
        return endsReadAt == Long.MIN_VALUE ? EndOffsets.NONE : new EndOffsets(ends, endsReadAt);
    }

    @Override
    public GroupOffsetsReader.Snapshot groupOffsets() {
        return group;
    }

    @Override
    public String consumerGroup() {
        return "route-cache-invalidator";
    }

    @Override
    public void seek(Integer partition, StartPosition position) {
        seeks.add((partition == null ? "all" : "p" + partition) + " " + position);
    }

    @Override
    public void start() {
        started = true;
    }
}
