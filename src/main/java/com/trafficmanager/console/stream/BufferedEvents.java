package com.trafficmanager.console.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Live tab's buffered events by partition, each oldest first: a copy of the rings (references only,
 * {@link PartitionBuffers#copy}) that a filter reads on a thread of its own while the window's thread goes
 * on adding, or the rings themselves ({@link PartitionBuffers#view}) for the window's thread. The events are
 * shared; their check is safe to run from either thread.
 */
public record BufferedEvents(Map<Integer, List<TailEvent>> byPartition) {
    public BufferedEvents {
        byPartition = Map.copyOf(byPartition);
    }

    /** One partition's matching events, oldest first. */
    public List<TailEvent> matching(int partition, Predicate<TailEvent> filter) {
        List<TailEvent> out = new ArrayList<>();
        for (TailEvent e : byPartition.getOrDefault(partition, List.of())) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The newest {@code limit} matching events of all partitions, merged by timestamp, oldest first. */
    public List<TailEvent> newestByTimestamp(int limit, Predicate<TailEvent> filter) {
        return NewestMerge.newest(new ArrayList<>(byPartition.values()), limit, filter);
    }
}
