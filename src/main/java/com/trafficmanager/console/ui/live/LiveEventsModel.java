package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.stream.EventDetails;
import com.trafficmanager.console.stream.EventFilter;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.stream.TailBatch;
import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ObservableList;

/**
 * The view model of the Live events tab. Plain Java with JavaFX properties: it never touches a
 * Node, and the tests drive it without a toolkit by calling {@link #pulse(long)} themselves.
 *
 * <p>Threading: everything here runs on one thread (the JavaFX thread in the console). The view's
 * AnimationTimer calls {@link #pulse(long)} once per frame; a pulse takes everything the tail queued,
 * adds it to the per-partition rings, checks a time-boxed share of the new records (see
 * {@link PartitionBuffers#checkSome}); at most five times a second (two and a half in a flood) it
 * changes the shown rows, in a few bulk list changes, and twice a second the overview. There is no
 * {@code runLater} at all. Arrivals are filtered here only within a time budget ({@link ArrivalFilter}).
 * One piece of work runs elsewhere: re-filtering every buffered event (a new filter, selection or
 * capacity, a flood, or arrivals too many to filter within that budget, with a filter that does not
 * match everything) reads each value, up to 300,000 of them; it runs on {@code filterWork} over a copy
 * of the rings, and a later pulse shows its answer, then what arrived meanwhile.
 *
 * <p>What the rows are and how they change is {@link ShownRows}'s, the overview {@link PartitionOverview}'s; when
 * they change is decided here, on the pace kept by {@link RowsPacing}. The status line, counts and overview
 * are {@link LiveStatus}'s.
 */
public final class LiveEventsModel {
    // the pace's constants live in RowsPacing, named here too for the tests
    static final long ROWS_EVERY_NANOS = RowsPacing.ROWS_EVERY_NANOS;
    static final long FILTER_SETTLE_NANOS = RowsPacing.FILTER_SETTLE_NANOS;
    /** A re-filter that takes longer than this says so (most take tens of ms; a label for those would flicker). */
    static final long FILTERING_SHOWN_AFTER_NANOS = 250_000_000L;
    /** Time per pulse for checking arrived records (decoding them) on this thread. */
    private static final long CHECK_BUDGET_NANOS = 3_000_000L;

    private final LiveSource source;
    private final Refilter refilter;
    private final ArrivalFilter arrivals;
    private boolean resetWhileRefiltering; // a partition was re-seeked after the awaited re-filter's copy
    private boolean awaitingArrivals; // the awaited re-filter tests arrivals to append, not the whole buffer
    private final ReadOnlyBooleanWrapper filtering = new ReadOnlyBooleanWrapper();
    private long lastPulse;
    private final PartitionBuffers buffers;
    private final LiveFilterModel filter = new LiveFilterModel();
    private final ShownRows rows;
    private final RowsPacing pacing = new RowsPacing();
    private final LiveStatus liveStatus;
    private final ReadOnlyObjectWrapper<Integer> selectedPartition = new ReadOnlyObjectWrapper<>(); // null: all
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper();
    private final NewWhilePaused newWhilePaused = new NewWhilePaused();
    private final BooleanProperty followLatest = new SimpleBooleanProperty(true);
    private final ReadOnlyIntegerWrapper capacity = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper positionError = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<EventDetails> details = new ReadOnlyObjectWrapper<>();
    private EventFilter.Compiled compiled;

    /** Re-filters on a thread of the model's own, which ends after 30 s without work. */
    public LiveEventsModel(LiveSource source, int capacityPerPartition) {
        this(source, capacityPerPartition, new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("live-filter")));
    }

    /** Re-filters on {@code filterWork} (tests pass one that runs the work at once). */
    public LiveEventsModel(LiveSource source, int capacityPerPartition, Executor filterWork) {
        this(source, new PartitionBuffers(capacityPerPartition), filterWork, new ArrivalFilter());
    }

    /** With the rings (tests give them a small byte budget) and the arrivals' filter (tests set its clock). */
    LiveEventsModel(LiveSource source, PartitionBuffers buffers, Executor filterWork, ArrivalFilter arrivals) {
        this.source = source;
        this.refilter = new Refilter(filterWork);
        this.arrivals = arrivals;
        this.buffers = buffers;
        this.rows = new ShownRows(buffers);
        this.liveStatus = new LiveStatus(source, buffers);
        this.capacity.set(buffers.capacity());
        this.compiled = filter.compiledProperty().get();
        filter.compiledProperty().addListener((obs, old, now) -> {
            compiled = now;
            filter.showProblemOf(now); // a bad regular expression says so as it is typed
            pacing.filterChanged();
        });
    }

    /** Starts the tail (the view calls it when the tab is first shown). */
    public void start() {
        source.start();
        DaemonThreads.start("live-warm-up", LiveEventsModel::warmUp);
    }

    /** Loads the JSON reader before the first event needs it, so the first frame with events has no hitch. */
    private static void warmUp() {
        new TailEvent(0, 0, 0, "k", "{\"event_type\":\"route_changed\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                null).check();
        com.trafficmanager.console.stream.EventDetails.of(
                new TailEvent(0, 0, 0, "k", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), null), 1);
    }

    /**
     * One frame: takes everything queued and shows it. Call once per pulse with the pulse's time.
     */
    public void pulse(long nowNanos) {
        lastPulse = nowNanos;
        List<TailBatch> batches = source.queue().drain();
        List<TailEvent> arrived = new ArrayList<>();
        for (TailBatch batch : batches) {
            for (int p : batch.resetPartitions()) {
                buffers.clear(p);
                resetWhileRefiltering |= refilter.waiting();
                arrived.removeIf(e -> e.partition() == p);
                pacing.reseeked(p, selectedPartition.get());
            }
            for (TailEvent e : batch.events()) {
                buffers.add(e);
            }
            arrived.addAll(batch.events());
        }
        liveStatus.countReceived(arrived.size());
        buffers.checkSome(System.nanoTime() + CHECK_BUDGET_NANOS);
        if (paused.get()) {
            newWhilePaused.add(arrivals.count(arrived, selectedPartition.get(), compiled));
            if (pacing.waitsForFilter()) {
                settleFilter(nowNanos);
            } else if (refilter.waiting()) {
                takeRefiltered(nowNanos);
            }
        } else {
            pacing.queue(arrived, rows.limit());
            if (pacing.waitsForFilter()) {
                settleFilter(nowNanos); // its rebuild shows what arrived meanwhile too
            } else if (refilter.waiting()) {
                takeRefiltered(nowNanos); // the table waits for a re-filter, then shows what arrived meanwhile
            } else if (pacing.due(nowNanos)) {
                pacing.startChange(nowNanos);
                applyPending();
            }
        }
        filtering.set(refilter.waitingFor(FILTERING_SHOWN_AFTER_NANOS, nowNanos));
        liveStatus.refreshIfDue(nowNanos);
    }

    /** Re-filters the table once the filter has not changed for {@link #FILTER_SETTLE_NANOS}. */
    private void settleFilter(long nowNanos) {
        if (pacing.filterSettled(nowNanos)) {
            rebuildRows();
        }
    }

    /** Shows what is pending; {@link RowsPacing#startChange} came first (it ends a flood). */
    private void applyPending() {
        if (pacing.rebuildPending()) {
            rebuildRows();
        } else if (!pacing.queued().isEmpty()) {
            append(pacing.queued());
        }
        pacing.clearPending();
    }

    /**
     * Shows arrivals, filtered here if that fits in {@link ArrivalFilter}'s budget; if not (a slow regex, a
     * field filter decoding each one, a burst), the rings are re-filtered off this thread, as in a flood.
     */
    private void append(List<TailEvent> arrived) {
        Integer partition = selectedPartition.get();
        List<TailEvent> matching = arrivals.matching(arrived, partition, compiled);
        filter.showProblemOf(compiled);
        if (matching == null) {
            filterElsewhere(arrived, partition);
            return;
        }
        rows.append(matching, partition);
    }

    /**
     * Arrivals too many (or a filter too slow) to test within the frame's budget: they are tested on
     * {@code filterWork} and then appended like any others; what arrives meanwhile waits for the answer.
     * Only these arrivals, not every buffered event: under a steady trickle with a slow filter, re-filtering
     * the whole buffer each time would have kept the filter thread busy for good, one full pass after another.
     * {@code arrived} is the queued list itself: taken now, so the answer does not find it again.
     */
    private void filterElsewhere(List<TailEvent> arrived, Integer partition) {
        List<TailEvent> batch = List.copyOf(arrived);
        arrived.clear();
        awaitingArrivals = true;
        refilter.ask(compiled::test, ArrivalFilter.testedElsewhere(batch, partition), lastPulse);
        takeRefiltered(lastPulse); // work that ran at once has answered already
    }

    /**
     * Shows the matching events of the rings afresh: here when the filter matches everything (a merge of the
     * newest rows only), else on {@code filterWork} over a copy of the rings (it reads every value).
     */
    private void rebuildRows() {
        if (compiled.matchesAll()) {
            rebuildHere();
            return;
        }
        pacing.rebuilding(); // in the copy; what arrives from now on is shown after the answer
        awaitingArrivals = false; // the copy has them too
        refilter.ask(compiled::test, rows.rebuiltLater(selectedPartition.get()), lastPulse);
        takeRefiltered(lastPulse); // work that ran at once has answered already
    }

    /** Shows the awaited re-filter's answer once it is there, then what arrived since its copy. */
    private void takeRefiltered(long nowNanos) {
        Refilter.Answer answer = refilter.take();
        if (answer == null) {
            return;
        }
        boolean arrivalsOnly = awaitingArrivals;
        awaitingArrivals = false;
        filtering.set(false);
        if (resetWhileRefiltering) { // the answer holds events a re-seek dropped since: ask again
            resetWhileRefiltering = false;
            rebuildRows();
            return;
        }
        pacing.paceFrom(nowNanos); // a flood's next rebuild keeps its pace, counted from now
        if (answer.rows() == null) {
            filter.showFailure("filtering failed: " + answer.failure() + "; the table shows what it showed before");
            return;
        }
        if (arrivalsOnly) {
            rows.append(answer.rows(), selectedPartition.get());
        } else {
            rows.show(answer.rows());
        }
        filter.showProblemOf(compiled);
        if (!pacing.rebuildPending() && !pacing.queued().isEmpty()) {
            append(pacing.queued());
            pacing.queued().clear();
        }
    }

    /** Rebuilds on this thread, dropping any re-filter on its way. */
    private void rebuildHere() {
        refilter.cancel();
        awaitingArrivals = false;
        resetWhileRefiltering = false;
        filtering.set(false);
        pacing.rebuilding();
        rows.rebuild(selectedPartition.get(), compiled::test);
        filter.showProblemOf(compiled);
    }

    /** Shows one partition, or all of them ({@code null}). */
    public void select(Integer partition) {
        selectedPartition.set(partition);
        newWhilePaused.reset();
        rebuildRows();
    }

    public void pause() {
        paused.set(true);
    }

    /** Resumes: the rows catch up with everything buffered meanwhile. */
    public void resume() {
        paused.set(false);
        newWhilePaused.reset();
        rebuildRows();
    }

    /** Empties every buffer and the table; the tail reads on from where it is. */
    public void clear() {
        buffers.clearAll();
        newWhilePaused.reset();
        refilter.cancel(); // a re-filter on its way would show what is gone
        resetWhileRefiltering = false;
        awaitingArrivals = false;
        filtering.set(false);
        pacing.clearPending();
        rows.clear();
        details.set(null);
        liveStatus.refreshNow();
    }

    /** Changes how many events each partition keeps, keeping the newest. */
    public void setCapacity(int perPartition) {
        buffers.resize(perPartition);
        capacity.set(perPartition);
        rebuildRows();
    }

    /**
     * Re-seeks one partition (or all, {@code partition} null) at once; the inputs are checked first and
     * a problem is left in {@link #positionErrorProperty()}. Returns whether the seek was sent.
     */
    public boolean applyStartPosition(Integer partition, StartPosition.Kind kind, String value) {
        StartPositionForm.Result r = StartPositionForm.parse(kind, value);
        if (r.error() != null) {
            positionError.set(r.error());
            return false;
        }
        positionError.set("");
        source.seek(partition, r.position());
        return true;
    }

    /** Shows the details of one event (null clears them). */
    public void showDetails(TailEvent e) {
        details.set(e == null ? null : EventDetails.of(e, source.partitions().size()));
    }

    /**
     * What an export writes: the rows shown now, or, while the filter as typed has not been applied yet (typing
     * not rested, a re-filter on its way), exactly what it will show, worked out from a copy of the rings by
     * whoever calls {@code get()}: the export's thread, not this one. Called on this thread; safe to hand over.
     */
    public java.util.function.Supplier<List<TailEvent>> exportRows() {
        if (!pacing.waitsForFilter() && !refilter.waiting()) {
            List<TailEvent> shown = List.copyOf(rows.list());
            return () -> shown;
        }
        java.util.function.Function<java.util.function.Predicate<TailEvent>, List<TailEvent>> rebuild =
                rows.rebuiltLater(selectedPartition.get());
        EventFilter.Compiled f = compiled;
        return () -> rebuild.apply(f::test);
    }

    public LiveFilterModel filter() {
        return filter;
    }

    public ObservableList<TailEvent> rows() {
        return rows.list();
    }

    public ObservableList<PartitionRow> overview() {
        return liveStatus.overview();
    }

    public ReadOnlyObjectProperty<Integer> selectedPartitionProperty() {
        return selectedPartition.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty newWhilePausedProperty() {
        return newWhilePaused.countProperty();
    }

    /** Whether {@link #newWhilePausedProperty()} is a lower bound (a burst too large to filter here while paused). */
    public ReadOnlyBooleanProperty newWhilePausedAtLeastProperty() {
        return newWhilePaused.atLeastProperty();
    }

    public BooleanProperty followLatestProperty() {
        return followLatest;
    }

    public ReadOnlyStringProperty statusProperty() {
        return liveStatus.statusProperty();
    }

    public ReadOnlyBooleanProperty statusProblemProperty() {
        return liveStatus.statusProblemProperty();
    }

    public ReadOnlyLongProperty malformedTotalProperty() {
        return liveStatus.malformedTotalProperty();
    }

    /** Events taken from the tail since the model was made. */
    public ReadOnlyLongProperty receivedProperty() {
        return liveStatus.receivedProperty();
    }

    /** Whether the table has waited for a re-filter of every buffered event longer than a moment. */
    public ReadOnlyBooleanProperty filteringProperty() {
        return filtering.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty capacityProperty() {
        return capacity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty positionErrorProperty() {
        return positionError.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<EventDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** The rings, for tests and the benchmark to check their bounds. */
    public PartitionBuffers buffers() {
        return buffers;
    }
}
