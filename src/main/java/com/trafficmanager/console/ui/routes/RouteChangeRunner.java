package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteConflictException;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteNotFoundException;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteValidationException;
import com.trafficmanager.console.route.RouteWatcher;
import com.trafficmanager.console.route.SampleRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Routes tab's changes once the view model has decided what to change and the operator has
 * confirmed it, and says on the status line how they went: the rows busy while a change runs, its
 * outcome merged into the table, a conflict shown to the operator, then where its events were published.
 * Apart from the view model so that what a command means and how a change is carried out are read apart.
 *
 * <p>Threading: every method but {@link #awaitChanges} is called on the JavaFX thread. The service call runs on
 * one background thread, one change at a time, in order; its outcome comes back through {@code ui}, which
 * drops it once the tab closed. The publish checks poll on a thread of their own.
 *
 * <p>Hazard: the status line is numbered ({@link #setStatus}); whatever arrives later (a publish confirmed, a
 * failure) goes through {@link #setStatusIf}, so it never overwrites the line of an action begun since. The
 * number is also read on the publish-check thread, hence atomic.
 */
final class RouteChangeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RouteChangeRunner.class);
    private final RouteService service;
    private final OperatorContext operator;
    private final Executor ui;
    private final RouteTable table;
    private final RouteHistoryModel history;
    private final RouteSelection selection;
    private final RouteWatcher watcher;
    /** Shows a conflict to the operator; true when they ask to reload. */
    private final Predicate<ConflictReport> askReload;
    /** The view model's Reload: the table and the shown history read again. */
    private final Runnable reload;
    /** Told first, on the JavaFX thread, what a change committed (the view model drops the URL drafts now in). */
    private final Consumer<List<ChangeResult>> onCommitted;
    /**
     * One change at a time, in order. Once it takes no more (closing, or the process ending on a signal while
     * the window still shows) a change asked for is not made and says nothing: no error dialog as the console goes.
     */
    private final ExecutorService actions = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), DaemonThreads.named("routes-actions"),
            (change, pool) -> LOG.info("the console is closing: a route change asked for now is not made"));
    // apart from the view model's reads: a history read waiting out a database outage must not hold back the
    // amber "waiting" status of the change just made
    private final ScheduledExecutorService publishChecks =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("routes-publish-checks"));
    private final PublishTracker tracker;
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(StatusLine.NONE);
    private final AtomicLong statusSeq = new AtomicLong();
    private final ReadOnlyObjectWrapper<UUID> lastChange = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RouteKey> reveal = new ReadOnlyObjectWrapper<>();

    RouteChangeRunner(RouteService service, OperatorContext operator, Executor ui, RouteTable table,
                      RouteHistoryModel history, RouteSelection selection, RouteWatcher watcher,
                      Predicate<ConflictReport> askReload, Runnable reload, Consumer<List<ChangeResult>> onCommitted) {
        this.service = service;
        this.operator = operator;
        this.ui = ui;
        this.table = table;
        this.history = history;
        this.selection = selection;
        this.watcher = watcher;
        this.askReload = askReload;
        this.reload = reload;
        this.onCommitted = onCommitted;
        this.tracker = new PublishTracker(service, publishChecks);
    }

    ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The event id of the latest change this tab made (the first route's, for a bulk action). */
    ReadOnlyObjectProperty<UUID> lastChangeProperty() {
        return lastChange.getReadOnlyProperty();
    }

    /** The route the table should select and scroll to (set after a create). */
    ReadOnlyObjectProperty<RouteKey> revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    /** Marks the rows busy, runs the change in the background, then shows the outcome. */
    void runChange(String attempted, String verbPast, List<RouteRow> rows, Supplier<List<ChangeResult>> work) {
        runChange(attempted, verbPast, rows, work, null);
    }

    /** @param afterReload run once the operator chose Reload on a conflict (null: nothing more) */
    void runChange(String attempted, String verbPast, List<RouteRow> rows, Supplier<List<ChangeResult>> work,
                   Runnable afterReload) {
        rows.forEach(r -> r.setBusy(true));
        selection.actionsFollow();
        long seq = setStatus(StatusLine.working(attempted + (rows.size() > 1 ? " (" + rows.size() + " routes)" : "")
                + "..."));
        actions.execute(() -> {
            try {
                List<ChangeResult> changes = work.get();
                ui.execute(() -> {
                    onCommitted.accept(changes);
                    table.upsert(changes.stream().map(ChangeResult::after).filter(Objects::nonNull).toList());
                    table.remove(changes.stream().filter(c -> c.after() == null).map(ChangeResult::key).toList());
                    done(rows);
                    committed(seq, verbPast, changes);
                    rows.forEach(r -> history.reloadIfShown(r.key()));
                });
            } catch (RouteConflictException e) {
                ConflictReport report = ConflictReports.build(service, attempted, e);
                ui.execute(() -> {
                    done(rows);
                    setStatusIf(seq, ActionMessages.failure(attempted, e));
                    if (askReload.test(report)) {
                        reload.run();
                        setStatusIf(seq, StatusLine.warn("not " + verbPast + ": " + report.route() + " was changed by '"
                                + report.changedBy() + "'; reloaded - review it and try again"));
                        if (afterReload != null) {
                            afterReload.run();
                        }
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    done(rows);
                    setStatusIf(seq, ActionMessages.failure(attempted, e));
                    if (e instanceof RouteNotFoundException) {
                        reload.run();
                    }
                });
            } catch (Error e) { // the rows must not stay busy for good; the error itself goes on up
                ui.execute(() -> {
                    done(rows);
                    setStatusIf(seq, StatusLine.error(attempted + " failed: " + e));
                });
                throw e;
            }
        });
    }

    private void done(List<RouteRow> rows) {
        rows.forEach(r -> r.setBusy(false));
        selection.actionsFollow();
    }

    /** Creates the form's route; {@code done} runs on success (the dialog closes), else the form shows why. */
    void create(CreateRouteModel form, Runnable done) {
        RouteKey key = form.key();
        String url = form.url();
        form.setSubmitting(true);
        long seq = setStatus(StatusLine.working("creating " + key + "..."));
        actions.execute(() -> {
            try {
                ChangeResult result = service.create(key, url, operator);
                ui.execute(() -> {
                    form.setSubmitting(false);
                    table.upsert(List.of(result.after()));
                    reveal.set(null); // the same key again (created after its delete) is revealed again
                    reveal.set(key);
                    committed(seq, "created", List.of(result));
                    done.run();
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    form.setSubmitting(false);
                    StatusLine line = ActionMessages.failure("create " + key, e);
                    form.failed(line.text());
                    if (e instanceof RouteValidationException v) {
                        form.showFieldErrors(v.messagesByField());
                    }
                    setStatus(line);
                });
            } catch (Error e) { // the form must not stay submitting for good; the error itself goes on up
                ui.execute(() -> {
                    form.setSubmitting(false);
                    form.failed("create " + key + " failed: " + e);
                    setStatus(StatusLine.error("create " + key + " failed: " + e));
                });
                throw e;
            }
        });
    }

    /** Sandbox only: loads 3 tenants x 4 services x 3 envs x 2 versions of sample routes. */
    void loadSampleRoutes() {
        long seq = setStatus(StatusLine.working("loading sample routes..."));
        actions.execute(() -> {
            try {
                SampleRoutes.Loaded loaded = SampleRoutes.load(service, operator);
                watcher.refreshNow();
                ui.execute(() -> setStatusIf(seq, StatusLine.ok("loaded " + loaded.created() + " sample routes ("
                        + loaded.activated() + " activated); their events are being published")));
            } catch (SampleRoutes.PartlyLoadedException e) {
                watcher.refreshNow(); // what was created is there: the table shows it
                ui.execute(() -> setStatusIf(seq, StatusLine.warn("sample routes: " + e.getMessage())));
            } catch (RuntimeException e) {
                ui.execute(() -> setStatusIf(seq, ActionMessages.failure("load the sample routes", e)));
            } catch (Error e) {
                ui.execute(() -> setStatusIf(seq, StatusLine.error("loading the sample routes failed: " + e)));
                throw e;
            }
        });
    }

    /**
     * Runs {@code task} on the change thread, after the changes asked for before it (the route read again
     * after a conflict); not at all once the tab closed (see {@code actions}).
     */
    void afterChanges(Runnable task) {
        actions.execute(task);
    }

    private void committed(long seq, String verbPast, List<ChangeResult> changes) {
        if (!changes.isEmpty()) {
            lastChange.set(changes.get(0).eventId());
        }
        setStatusIf(seq, StatusLine.working(ActionMessages.committed(verbPast, changes)));
        watcher.refreshNow();
        tracker.track(changes, () -> statusSeq.get() == seq, new PublishTracker.Listener() {
            @Override
            public void published(Map<UUID, PublishState> states) {
                ui.execute(() -> {
                    setStatusIf(seq, StatusLine.ok(ActionMessages.published(verbPast, changes, states)));
                    changes.forEach(c -> history.reloadIfShown(c.key()));
                });
            }

            @Override
            public void waiting(Backlog b) {
                ui.execute(() -> setStatusIf(seq, StatusLine.warn(ActionMessages.waiting(verbPast, changes, b))));
            }
        });
    }

    /** Shows the line; the number it returns lets a later answer of the same action replace it. */
    long setStatus(StatusLine line) {
        long seq = statusSeq.incrementAndGet();
        status.set(line);
        return seq;
    }

    /** Sets the status only if no newer action took the line meanwhile. */
    void setStatusIf(long seq, StatusLine line) {
        if (statusSeq.get() == seq) {
            status.set(line);
        }
    }

    /**
     * Takes no more changes (those asked for before still run to their end, not interrupted) and stops the
     * publish checks.
     */
    void close() {
        actions.shutdown();
        publishChecks.shutdownNow();
    }

    /**
     * Takes no more changes and waits for those asked for; false if some still run after the timeout.
     * Any thread.
     */
    boolean awaitChanges(Duration timeout) throws InterruptedException {
        actions.shutdown(); // else the wait would last the whole timeout: the pool takes changes until shut
        return actions.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
