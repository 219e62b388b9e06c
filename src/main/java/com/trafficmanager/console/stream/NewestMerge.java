package com.trafficmanager.console.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The newest matching events of several partitions, merged by timestamp: what the Live table shows for
 * all partitions. Walks each partition from its newest end, so with a filter that matches most events
 * it costs about {@code limit} steps, not the whole buffer.
 */
final class NewestMerge {
    private NewestMerge() {
    }

    /** The newest {@code limit} of {@code partitions}' events (each oldest first) that match, oldest first. */
    static List<TailEvent> newest(List<List<TailEvent>> partitions, int limit, Predicate<TailEvent> matching) {
        int[] next = new int[partitions.size()];
        PriorityQueue<Integer> heads = new PriorityQueue<>((a, b) -> EventOrder.BY_TIMESTAMP.compare(
                partitions.get(b).get(next[b]), partitions.get(a).get(next[a])));
        int total = 0;
        for (int i = 0; i < partitions.size(); i++) {
            next[i] = partitions.get(i).size() - 1;
            total += partitions.get(i).size();
            if (next[i] >= 0) {
                heads.add(i);
            }
        }
        List<TailEvent> out = new ArrayList<>(Math.min(limit, total));
        while (out.size() < limit && !heads.isEmpty()) {
            int i = heads.poll();
            TailEvent e = partitions.get(i).get(next[i]);
            if (matching.test(e)) {
                out.add(e);
            }
            if (--next[i] >= 0) {
                heads.add(i);
            }
        }
        Collections.reverse(out);
        out.sort(EventOrder.BY_TIMESTAMP); // a partition's timestamps may go back a little; keep the order exact
        return out;
    }
}
