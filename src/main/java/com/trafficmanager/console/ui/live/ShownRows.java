package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.BufferedEvents;
import com.trafficmanager.console.stream.EventOrder;
import com.trafficmanager.console.stream.EventRing;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.collections.ObservableList;

/**
 * What the live table shows, and how it changes: new arrivals are put in place (appended, or merged
 * by timestamp for all partitions) in a few bulk list changes, or the rows are rebuilt from the
 * rings. For one partition: the matching events of its ring, oldest first; for all partitions: the
 * newest matching events (up to {@link #limit()}) of every partition merged by timestamp. Rows hold
 * references only, and never more of them than the rings hold events, so the table cannot keep alive
 * many more events than the rings' byte budget allows. Which arrivals match is worked out before
 * (see {@link ArrivalFilter}); when the rows change is the view model's business.
 */
final class ShownRows {
    private final EventRows rows = new EventRows();
    private long budgetDropsSeen; // the rings' budget drops when the rows were last checked against them
    private final PartitionBuffers buffers;

    ShownRows(PartitionBuffers buffers) {
        this.buffers = buffers;
    }

    ObservableList<TailEvent> list() {
        return rows;
    }

    void clear() {
        rows.replaceAll(List.of());
    }

    /**
     * How many rows the table shows at most for all partitions: one ring's capacity, and never more than the
     * rings hold now. The rings may hold far fewer than their capacity (their byte budget drops large records),
     * and rows of events the rings dropped would keep those alive, a table's worth of 200 KB records.
     */
    int limit() {
        return Math.min(buffers.capacity(), buffers.bufferedTotal());
    }

    /**
     * Adds arrivals (already in the rings) that the filter matched, and drops what the rings no longer hold
     * (of the partition shown) or what exceeds {@link #limit()} (all partitions).
     */
    void append(List<TailEvent> matching, Integer partition) {
        if (partition != null) {
            appendToPartition(matching, partition);
            return;
        }
        dropWhatTheBudgetDropped();
        List<TailEvent> add = new ArrayList<>(matching);
        int cap = limit();
        if (add.isEmpty() || cap == 0) {
            rows.removeHead(rows.size() - cap); // the rings may hold fewer events now: so does the table
            return;
        }
        add.sort(EventOrder.BY_TIMESTAMP);
        if (add.size() > cap) {
            add = new ArrayList<>(add.subList(add.size() - cap, add.size()));
        }
        // most arrivals are newer than everything shown: find where the first one goes from the end
        int at = Collections.binarySearch(rows, add.get(0), EventOrder.BY_TIMESTAMP);
        at = at < 0 ? -at - 1 : at;
        List<TailEvent> tail = at < rows.size() ? merge(new ArrayList<>(rows.subList(at, rows.size())), add) : add;
        int overflow = at + tail.size() - cap;
        if (overflow >= at) {
            // everything shown before the insertion point goes: show the newest cap of the merged tail
            rows.replaceAll(tail.subList(Math.min(tail.size(), overflow - at), tail.size()));
            return;
        }
        if (at < rows.size()) {
            rows.replaceFrom(at, tail);
        } else {
            rows.append(tail);
        }
        rows.removeHead(overflow);
    }

    /**
     * Drops rows whose events the rings' byte budget dropped since the last look. That budget takes the
     * oldest events of the heaviest ring, which in the merged view of all partitions need not be the oldest
     * rows: a partition of 200 KB records would otherwise stay in the table, a table's worth of them, long
     * after the rings let them go. One pass over the rows, only after the budget dropped something.
     */
    private void dropWhatTheBudgetDropped() {
        long drops = buffers.budgetDrops();
        if (drops == budgetDropsSeen) {
            return;
        }
        budgetDropsSeen = drops;
        List<TailEvent> kept = new ArrayList<>(rows.size());
        for (TailEvent e : rows) {
            EventRing ring = buffers.ring(e.partition());
            if (!ring.isEmpty() && e.offset() >= ring.oldest().offset()) {
                kept.add(e);
            }
        }
        if (kept.size() < rows.size()) {
            rows.replaceAll(kept);
        }
    }

    private void appendToPartition(List<TailEvent> matching, int partition) {
        EventRing ring = buffers.ring(partition);
        long oldest = ring.isEmpty() ? Long.MAX_VALUE : ring.oldest().offset();
        List<TailEvent> add = new ArrayList<>();
        for (TailEvent e : matching) {
            if (e.partition() == partition && e.offset() >= oldest) {
                add.add(e);
            }
        }
        int drop = 0;
        while (drop < rows.size() && rows.get(drop).offset() < oldest) {
            drop++;
        }
        rows.removeHead(drop);
        rows.append(add);
    }

    private static List<TailEvent> merge(List<TailEvent> a, List<TailEvent> b) {
        List<TailEvent> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            out.add(EventOrder.BY_TIMESTAMP.compare(a.get(i), b.get(j)) <= 0 ? a.get(i++) : b.get(j++));
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return out;
    }

    /**
     * The rows a rebuild would show: for one partition its matching events, for all the newest {@code limit}
     * matching ones merged by timestamp. Over a copy of the rings on any thread, or over the rings on theirs.
     */
    static List<TailEvent> rebuilt(BufferedEvents events, Integer partition, int limit, Predicate<TailEvent> filter) {
        return partition == null ? events.newestByTimestamp(limit, filter) : events.matching(partition, filter);
    }

    /**
     * The rows a rebuild would show now, for a filter applied later on another thread: over a copy of the
     * rings (references only) taken here, on the rings' thread.
     */
    Function<Predicate<TailEvent>, List<TailEvent>> rebuiltLater(Integer partition) {
        BufferedEvents copy = buffers.copy();
        int cap = limit();
        return filter -> rebuilt(copy, partition, cap, filter);
    }

    /** Shows rows worked out by {@link #rebuilt}. */
    void show(List<TailEvent> shown) {
        rows.replaceAll(shown);
    }

    /** Shows the matching events of the rings afresh (a new selection or filter, a flood, a re-seek). */
    void rebuild(Integer partition, Predicate<TailEvent> filter) {
        rows.replaceAll(rebuilt(buffers.view(), partition, limit(), filter));
    }
}
