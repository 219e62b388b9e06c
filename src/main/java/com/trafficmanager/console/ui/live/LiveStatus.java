package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.GroupOffsetsReader;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.TailStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * What the Live tab says about the tail, as against the events it shows: the status line (the tail's own,
 * plus the consumer group's error when its offsets cannot be read), whether that is a problem, the
 * malformed and received counts, and the partition overview ({@link PartitionOverview}). The overview and
 * status are refreshed twice a second, not per pulse: a refresh reads the source's offsets and updates a
 * row per partition.
 *
 * <p>Used on the view model's thread only (the JavaFX thread in the console), from its pulse and its
 * {@code clear()}; the properties fire there.
 */
final class LiveStatus {
    private static final long OVERVIEW_EVERY_NANOS = 500_000_000L;

    private final LiveSource source;
    private final PartitionBuffers buffers;
    private final PartitionOverview overview = new PartitionOverview();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("not started");
    private final ReadOnlyBooleanWrapper statusProblem = new ReadOnlyBooleanWrapper();
    private final ReadOnlyLongWrapper malformedTotal = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper();
    private long lastOverview = Long.MIN_VALUE;

    LiveStatus(LiveSource source, PartitionBuffers buffers) {
        this.source = source;
        this.buffers = buffers;
    }

    /** Counts events taken from the tail. */
    void countReceived(int arrived) {
        received.set(received.get() + arrived);
    }

    /** Refreshes if none was made yet or the last one was {@link #OVERVIEW_EVERY_NANOS} ago. */
    void refreshIfDue(long nowNanos) {
        if (nowNanos - lastOverview >= OVERVIEW_EVERY_NANOS || lastOverview == Long.MIN_VALUE) {
            lastOverview = nowNanos;
            refreshOverview(nowNanos);
        }
    }

    /**
     * Refreshes at once (the buffers were emptied), at the time of the last refresh (0 if none): the caller
     * has no pulse time. The next {@link #refreshIfDue} keeps its time.
     */
    void refreshNow() {
        refreshOverview(lastOverview == Long.MIN_VALUE ? 0 : lastOverview);
    }

    private void refreshOverview(long nowNanos) {
        GroupOffsetsReader.Snapshot group = overview.refresh(source, buffers, nowNanos);
        malformedTotal.set(buffers.malformedTotal());
        TailStatus s = source.status();
        String groupNote = group.error() == null ? "" : "; group " + source.consumerGroup() + ": " + group.error();
        status.set(s.message() + groupNote);
        statusProblem.set(s.isProblem());
    }

    ObservableList<PartitionRow> overview() {
        return overview.rows();
    }

    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty statusProblemProperty() {
        return statusProblem.getReadOnlyProperty();
    }

    ReadOnlyLongProperty malformedTotalProperty() {
        return malformedTotal.getReadOnlyProperty();
    }

    ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }
}
