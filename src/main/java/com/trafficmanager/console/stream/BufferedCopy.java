package com.trafficmanager.console.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the Live tab's rings held at one moment (references only, each partition oldest first): a filter
 * over every buffered event reads it on a thread of its own, while the window's thread goes on adding to
 * the rings. The events themselves are shared; their check is safe to run from either thread.
 */
public record BufferedCopy(Map<Integer, List<TailEvent>> byPartition) {
    public BufferedCopy {
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
