package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EndOffsets;
import com.trafficmanager.console.stream.GroupOffsetsReader;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.RateMeter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Live tab's overview: a row per partition (end offset, rate, buffered, malformed, unchecked, the
 * group's committed offset and lag) under an "All" row that sums them. Refreshed by the view model twice
 * a second, on its thread.
 */
final class PartitionOverview {
    /** End offsets are read every second; older than this, Kafka is away and there is no rate to show. */
    private static final long ENDS_STALE_NANOS = 3_000_000_000L;

    private final ObservableList<PartitionRow> rows = FXCollections.observableArrayList();
    // one read-only view, handed out every time: the backing list holds a view only weakly, so a view made
    // per call (and its listeners) would go with the next garbage collection
    private final ObservableList<PartitionRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final Map<Integer, PartitionRow> byPartition = new HashMap<>();
    private final Map<Integer, RateMeter> rates = new HashMap<>();
    private final PartitionRow allRow = new PartitionRow(PartitionRow.ALL);
    private long lastEndsReadAt = Long.MIN_VALUE;

    PartitionOverview() {
        rows.add(allRow);
    }

    ObservableList<PartitionRow> rows() {
        return rowsView;
    }

    /** Adds rows for new partitions and updates every row; returns the group's offsets it read. */
    GroupOffsetsReader.Snapshot refresh(LiveSource source, PartitionBuffers buffers, long nowNanos) {
        for (int p : source.partitions()) {
            if (!byPartition.containsKey(p)) {
                buffers.know(p);
                PartitionRow row = new PartitionRow(p);
                byPartition.put(p, row);
                int at = 1;
                while (at < rows.size() && rows.get(at).partition() < p) {
                    at++;
                }
                rows.add(at, row);
            }
        }
        EndOffsets read = source.endOffsets();
        Map<Integer, Long> ends = read.byPartition();
        // sampled once per read, at the time of the read; ends not read again for a while (Kafka away)
        // have no rate, rather than a rate of 0 followed by the whole outage's growth at once
        boolean newRead = read.known() && read.readAtNanos() != lastEndsReadAt;
        lastEndsReadAt = read.readAtNanos();
        boolean stale = !read.known() || nowNanos - read.readAtNanos() > ENDS_STALE_NANOS;
        if (stale) {
            rates.clear();
        }
        GroupOffsetsReader.Snapshot group = source.groupOffsets();
        long endSum = 0;
        double rateSum = 0;
        long committedSum = 0;
        boolean anyCommitted = false;
        long lagSum = 0;
        boolean anyLag = false; // a partition the group never committed on adds nothing: its own row shows none
        boolean allEnds = !byPartition.isEmpty();
        for (PartitionRow row : byPartition.values()) {
            int p = row.partition();
            Long end = ends.get(p);
            RateMeter meter = rates.computeIfAbsent(p, x -> new RateMeter(Duration.ofSeconds(5)));
            if (end != null) {
                if (newRead && !stale) {
                    meter.sample(read.readAtNanos(), end);
                }
                endSum += end;
            } else {
                allEnds = false;
            }
            double rate = stale ? Double.NaN : meter.perSecond();
            rateSum += Double.isNaN(rate) ? 0 : rate;
            Long committed = group.committed().get(p);
            if (committed != null) {
                anyCommitted = true;
                committedSum += committed;
            }
            // the group's lag from the end read with its committed offsets (one moment); unknown while those
            // cannot be read, rather than the last committed offsets against ever newer ends
            Long lag = group.error() != null ? null
                    : PartitionRow.lag(group.endAtRead().getOrDefault(p, end == null ? -1 : end), committed);
            if (lag != null) {
                anyLag = true;
                lagSum += lag;
            }
            row.update(end == null ? -1 : end, rate, buffers.buffered(p), buffers.malformed(p), buffers.unchecked(p),
                    committed, lag);
        }
        allRow.update(allEnds ? endSum : -1, rateSum, buffers.bufferedTotal(), buffers.malformedTotal(),
                buffers.uncheckedTotal(), anyCommitted ? committedSum : null, anyLag ? lagSum : null);
        return group;
    }
}
