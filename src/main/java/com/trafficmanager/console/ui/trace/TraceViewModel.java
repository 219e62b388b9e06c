package com.trafficmanager.console.ui.trace;

import com.trafficmanager.console.trace.ChangeTrace;
import com.trafficmanager.console.trace.Hop;
import com.trafficmanager.console.trace.HopRecord;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * View model of a change's trace: the timeline of the change it follows, filled in live as the hops
 * arrive, and the warning when a hop is late. Follows one change at a time ({@link #follow}); the
 * trace book's updates for other changes are ignored before they reach the UI thread, and what the
 * timeline shows is always read from the book on the UI thread (see {@link #onTrace}).
 */
public final class TraceViewModel implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final TraceBook book;
    private final Supplier<OverdueHops.Context> context;
    private final Executor ui;
    private final ObservableList<TraceRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Trace: no change yet");
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    private final java.util.function.Consumer<ChangeTrace> listener = this::onTrace;
    private volatile UUID following;
    /** A read of the followed trace is queued on the UI thread and has not started yet. */
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    /** What the title says while the book has no trace of the followed change (UI thread only). */
    private String whileAbsent = "Trace: no change yet";

    /**
     * @param context what the overdue check needs now (Kafka reachable, backlog, consumer running); read
     *                on the UI thread, so it must be cheap (the status bar's last known values)
     * @param ui      runs on the JavaFX thread ({@code Platform::runLater}); tests pass a direct executor
     */
    public TraceViewModel(TraceBook book, Supplier<OverdueHops.Context> context, Executor ui) {
        this.book = book;
        this.context = context;
        this.ui = ui;
        book.addListener(listener);
    }

    public ObservableList<TraceRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Empty while nothing is late; otherwise e.g. "not published after 5 s: Kafka unreachable, backlog 12". */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** Shows the trace of this change from now on. */
    public void follow(UUID eventId) {
        follow(eventId, "Trace: this console has no trace of event " + eventId + " (changes of other consoles, or"
                + " older ones, are in the history)");
    }

    /** Show trace: the change is being looked up (this console's trace shows at once if it has one). */
    public void lookingUp(UUID eventId) {
        follow(eventId, "Trace of event " + eventId + ": reading it from the database...");
    }

    /** The lookup failed (the database did not answer, say): the trace is unknown, not absent. */
    public void lookupFailed(UUID eventId, String reason) {
        follow(eventId, "Trace of event " + eventId + ": could not read the trace: " + reason);
    }

    /** No outbox row describes the change any more, so nothing is left to rebuild its trace from. */
    public void untraceable(UUID eventId) {
        follow(eventId, "Trace of event " + eventId + ": can no longer be traced: its outbox row was pruned"
                + " (published rows are kept for the relay's retention period) or never written by a console");
    }

    /**
     * Follows the change; the hops show as soon as the book has a trace of it (also later: a lookup that
     * failed is not final), until then {@code absent} says why there is none.
     */
    private void follow(UUID eventId, String absent) {
        following = eventId;
        whileAbsent = absent;
        show(book.find(eventId));
    }

    /** Re-evaluates lateness; the view calls it once a second while shown. */
    public void tick() {
        UUID id = following;
        if (id != null) {
            show(book.find(id));
        }
    }

    /**
     * The book calls its listeners after releasing its lock, so two threads reporting hops of one change
     * (the relay's callback, the consumer) can notify in the opposite order of their updates: the version
     * passed here may be older than one shown already. So the UI thread reads the book's current version
     * instead, and at most one such read is queued at a time (a burst of hops is one update of the view).
     */
    private void onTrace(ChangeTrace trace) {
        if (!trace.eventId().equals(following) || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        try {
            ui.execute(() -> {
                refreshPending.set(false); // before reading: an update from now on queues a read of its own
                UUID id = following;
                if (id != null) {
                    show(book.find(id));
                }
            });
        } catch (RuntimeException e) {
            refreshPending.set(false); // not queued: the next update must be able to queue one
            throw e;
        }
    }

    private void show(Optional<ChangeTrace> maybe) {
        if (maybe.isEmpty()) {
            title.set(whileAbsent);
            rows.clear();
            warning.set("");
            return;
        }
        ChangeTrace trace = maybe.get();
        title.set("Trace of " + trace.action() + " " + trace.routeKey().replace(':', '/') + " (event "
                + trace.eventId().toString().substring(0, 8) + "...)" + (trace.complete() ? ": complete" : ""));
        List<TraceRow> next = new ArrayList<>();
        for (Hop hop : Hop.values()) {
            Optional<HopRecord> record = trace.hop(hop);
            if (record.isEmpty()) {
                next.add(new TraceRow(hop.label(), "", "", "waiting", TraceRow.State.WAITING));
                continue;
            }
            HopRecord r = record.get();
            next.add(new TraceRow(hop.label(), r.at() == null ? "" : TIME.format(r.at()),
                    trace.latencyTo(hop).map(TraceViewModel::latency).orElse(""), r.detail(),
                    r.witnessed() ? TraceRow.State.DONE : TraceRow.State.NOT_WITNESSED));
        }
        rows.setAll(next);
        warning.set(OverdueHops.check(trace, context.get()).orElse(""));
    }

    /**
     * Negative when two witnesses raced: the tail can read an event before the relay's acknowledgement
     * callback has run, so "seen" may be a few milliseconds before "published".
     */
    static String latency(Duration d) {
        long ms = d.toMillis();
        String sign = ms < 0 ? "-" : "+";
        long abs = Math.abs(ms);
        return abs < 1000 ? sign + abs + " ms" : String.format(java.util.Locale.ROOT, "%s%.1f s", sign, abs / 1000.0);
    }

    @Override
    public void close() {
        book.removeListener(listener);
    }
}
