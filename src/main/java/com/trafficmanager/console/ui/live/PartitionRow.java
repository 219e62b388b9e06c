package com.trafficmanager.console.ui.live;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One row of the partition overview: end offset (-1 while unknown), events/s (NaN while unknown),
 * events buffered, malformed seen, and the invalidation group's committed offset and lag (null when
 * the group has committed nothing there). The row {@link #ALL} sums every partition.
 */
public final class PartitionRow {
    public static final int ALL = -1;

    private final int partition;
    private final ReadOnlyLongWrapper endOffset = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyDoubleWrapper rate = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyIntegerWrapper buffered = new ReadOnlyIntegerWrapper();
    private final ReadOnlyLongWrapper malformed = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper unchecked = new ReadOnlyLongWrapper();
    private final ReadOnlyObjectWrapper<Long> committed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> lag = new ReadOnlyObjectWrapper<>();

    PartitionRow(int partition) {
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public boolean isAll() {
        return partition == ALL;
    }

    public String label() {
        return isAll() ? "All" : Integer.toString(partition); // under the "Partition" header
    }

    /** @param lagNow the group's lag here (for {@link #ALL}: summed over the partitions that have one), or null */
    void update(long end, double perSecond, int bufferedNow, long malformedNow, long uncheckedNow, Long committedNow,
                Long lagNow) {
        unchecked.set(uncheckedNow);
        endOffset.set(end);
        rate.set(perSecond);
        buffered.set(bufferedNow);
        malformed.set(malformedNow);
        committed.set(committedNow);
        lag.set(lagNow);
    }

    /** The lag of one partition: null unless both its end and the group's committed offset are known. */
    static Long lag(long end, Long committed) {
        return committed == null || end < 0 ? null : Math.max(0, end - committed);
    }

    public ReadOnlyLongProperty endOffsetProperty() {
        return endOffset.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty bufferedProperty() {
        return buffered.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty malformedProperty() {
        return malformed.getReadOnlyProperty();
    }

    /** Records that passed through a burst too fast to be checked for being malformed. */
    public ReadOnlyLongProperty uncheckedProperty() {
        return unchecked.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> committedProperty() {
        return committed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> lagProperty() {
        return lag.getReadOnlyProperty();
    }
}
