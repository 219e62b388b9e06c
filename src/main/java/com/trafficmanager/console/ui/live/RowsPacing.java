package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * When the live table's rows change: what arrived since the last change (or that a rebuild from the rings
 * is due instead), whether that is a flood, when the rows last changed, and whether the table waits for
 * typing in the filter to rest. It holds the state and the rules of the pace only; the view model makes
 * the changes (appends, rebuilds, re-filters) and tells it so ({@link #startChange}, {@link #rebuilding},
 * {@link #clearPending}).
 *
 * <p>Used on the view model's thread only (the JavaFX thread in the console). Hazard: {@link #queued()} is
 * the live list, not a copy, and any rebuild empties it ({@link #rebuilding}); whoever is given it must be
 * done reading it before it may start a rebuild (the view model's {@code append} is).
 */
final class RowsPacing {
    /** The table changes at most this often: every change costs a layout and a (software) render,
     *  which at 60 Hz takes the CPU the tail and the broker need; nobody reads a table faster. */
    static final long ROWS_EVERY_NANOS = 200_000_000L;
    /**
     * ... and at most this often in a flood (more arrived since the last change than the table can
     * show, so it is rebuilt from the rings each time): a rebuild merges every ring and replaces every
     * row, and at 5 a second it took a quarter of the rate the tail could read at (viewer-ingest:
     * 380,000-470,000 events/s against 550,000-570,000 at 2.5 a second). Nobody reads a table that
     * scrolls by thousands of rows a second; a trickle still shows within 200 ms.
     */
    static final long ROWS_EVERY_IN_FLOOD_NANOS = 400_000_000L;
    /**
     * A changed filter re-filters the table once typing has rested this long (measured from the first
     * pulse after the last change), not per keystroke: a free-text filter reads every buffered value,
     * 15-25 ms of a core over 60,000 events and 90-140 ms over 300,000, not worth spending on each key.
     */
    static final long FILTER_SETTLE_NANOS = 150_000_000L;

    private long lastRows = Long.MIN_VALUE;
    private final List<TailEvent> pendingRows = new ArrayList<>();
    private boolean pendingRebuild;
    private boolean flooded; // more arrived since the last change of the table than it can show
    private boolean filterChanged; // the table waits for typing in the filter to rest
    private long filterChangeSeenAt = Long.MIN_VALUE; // the first pulse after the last change of the filter

    /** The filter changed: the table waits for typing to rest, counted from the next pulse. */
    void filterChanged() {
        filterChanged = true;
        filterChangeSeenAt = Long.MIN_VALUE;
    }

    /** Whether the table waits for typing in the filter to rest (the filter as typed is not applied yet). */
    boolean waitsForFilter() {
        return filterChanged;
    }

    /**
     * Whether the filter has not changed for {@link #FILTER_SETTLE_NANOS}; if so the rows change now, and the
     * caller must rebuild them, which ends the wait ({@link #rebuilding}). Call only while {@link #waitsForFilter}.
     */
    boolean filterSettled(long nowNanos) {
        if (filterChangeSeenAt == Long.MIN_VALUE) {
            filterChangeSeenAt = nowNanos;
        } else if (nowNanos - filterChangeSeenAt >= FILTER_SETTLE_NANOS) {
            lastRows = nowNanos;
            flooded = false;
            return true;
        }
        return false;
    }

    /**
     * Partition {@code p} was re-seeked (its ring emptied): its queued arrivals go, and a rebuild is due if
     * the table shows it ({@code sel} is the partition shown, null for all).
     */
    void reseeked(int p, Integer sel) {
        pendingRows.removeIf(e -> e.partition() == p);
        pendingRebuild |= sel == null || sel == p;
    }

    /** Queues arrivals (already in the rings) for the next change; {@code shownLimit} is {@link ShownRows#limit()}. */
    void queue(List<TailEvent> arrived, int shownLimit) {
        pendingRows.addAll(arrived);
        if (pendingRows.size() > 2 * shownLimit) {
            pendingRows.clear(); // more than the table can show (or the rings hold): rebuild from the rings instead
            pendingRebuild = true;
            flooded = true;
        }
    }

    /** Whether the rows may change at {@code nowNanos}: never yet, or a pace (a flood's, in one) since the last change. */
    boolean due(long nowNanos) {
        long every = flooded ? ROWS_EVERY_IN_FLOOD_NANOS : ROWS_EVERY_NANOS;
        return nowNanos - lastRows >= every || lastRows == Long.MIN_VALUE;
    }

    /** The rows change now with what is pending: the next change is counted from now, and the flood is over. */
    void startChange(long nowNanos) {
        lastRows = nowNanos;
        flooded = false;
    }

    /** The next change is due a pace from now (a re-filter's answer came; a flood keeps its pace). */
    void paceFrom(long nowNanos) {
        lastRows = nowNanos;
    }

    /** Whether the next change rebuilds the rows from the rings (a flood, a re-seek of a partition shown). */
    boolean rebuildPending() {
        return pendingRebuild;
    }

    /** The arrivals queued for the next change: the live list (see the class comment). */
    List<TailEvent> queued() {
        return pendingRows;
    }

    /** Forgets the queued arrivals and any rebuild due: they were shown, or are gone. */
    void clearPending() {
        pendingRows.clear();
        pendingRebuild = false;
    }

    /** A rebuild of the rows starts (here, or a re-filter asked for): it covers what was pending and the filter as typed. */
    void rebuilding() {
        pendingRows.clear();
        pendingRebuild = false;
        filterChanged = false;
    }
}
