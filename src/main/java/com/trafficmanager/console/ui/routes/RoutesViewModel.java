package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteConflictException;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteNotFoundException;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteValidationException;
import com.trafficmanager.console.route.RouteWatcher;
import com.trafficmanager.console.route.SampleRoutes;
import com.trafficmanager.console.route.VersionedKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Routes tab's view model: the table, the selection and which actions it allows, the commands
 * (create, activate, deactivate, edit URL, delete, bulk, sample routes), the status line, the history
 * of the selected route and the outbox backlog. No Node in here; questions to the operator go through
 * {@link RoutesPrompts}.
 *
 * <p>Threading: every method is called on the JavaFX thread; service calls run on the tab's own
 * background threads and come back through {@code ui} (Platform::runLater) once per result. While an
 * action runs, its rows are busy: they show progress and cannot be acted on again.
 *
 * <p>Hazard: the read-only check here only disables controls; the service refuses writes anyway.
 */
public final class RoutesViewModel implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RoutesViewModel.class);
    private final RouteService service;
    private final OperatorContext operator;
    private final RoutesSettings settings;
    private final Executor ui;
    /**
     * One change at a time, in order. Once it takes no more (closing, or the process ending on a signal while
     * the window still shows) a change asked for is not made and says nothing: no error dialog as the console goes.
     */
    private final ExecutorService actions = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
            java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
            DaemonThreads.named("routes-actions"),
            (change, pool) -> LOG.info("the console is closing: a route change asked for now is not made"));
    private final ScheduledExecutorService reads =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("routes-reads"));
    // apart from the reads: a history read waiting out a database outage must not hold back the amber
    // "waiting" status of the change just made
    private final ScheduledExecutorService publishChecks =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("routes-publish-checks"));
    private final RouteTable table = new RouteTable();
    private final RouteHistoryModel history;
    private final RouteActions enabled;
    private final PublishTracker tracker;
    private final javafx.beans.property.ReadOnlyObjectWrapper<java.util.UUID> lastChange =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final RouteWatcher watcher;
    private final ObservableList<RouteRow> selection = FXCollections.observableArrayList();
    private final java.util.Set<RouteRow> selected = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean selectionFollowQueued;
    private final ReadOnlyObjectWrapper<StatusLine> status = new ReadOnlyObjectWrapper<>(StatusLine.NONE);
    private final ReadOnlyObjectWrapper<Backlog> backlog = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RouteKey> reveal = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper partitions = new ReadOnlyIntegerWrapper();
    /** Set by {@link #close}; answers that arrive later (a publish confirmed after the tab closed) are dropped. */
    private volatile boolean closed;
    private final AtomicLong statusSeq = new AtomicLong();
    /** URLs typed into Edit URL whose change has not committed yet, by route (JavaFX thread). */
    private final java.util.Map<RouteKey, String> urlDrafts = new java.util.HashMap<>();
    private RoutesPrompts prompts;

    public RoutesViewModel(RouteService service, OperatorContext operator, RoutesSettings settings, Executor fxThread) {
        this.service = service;
        this.operator = operator;
        this.settings = settings;
        // what comes back after close (a change let finish, a poll) finds nothing to show it in: dropped
        this.ui = command -> fxThread.execute(() -> {
            if (!closed) {
                command.run();
            }
        });
        this.history = new RouteHistoryModel(service, reads, this.ui);
        this.enabled = new RouteActions(operator.readOnly(), settings.profileName());
        this.tracker = new PublishTracker(service, publishChecks);
        this.watcher = new RouteWatcher(service, settings.pollInterval(), true, new RouteWatcher.Listener() {
            @Override
            public void routesChanged(RouteWatcher.Delta delta) {
                ui.execute(() -> table.apply(delta));
            }

            @Override
            public void backlog(Backlog b) {
                ui.execute(() -> {
                    Backlog before = backlog.get(); // pending -1: the last poll failed (see failed below)
                    boolean back = before != null && before.pendingCount() < 0;
                    backlog.set(b);
                    if (back) {
                        history.retryIfReadFailed(); // the database answers again
                    }
                });
            }

            @Override
            public void failed(String message) {
                ui.execute(() -> backlog.set(new Backlog(-1, java.time.Duration.ZERO, "database unavailable: " + message)));
            }
        });
        selection.addListener((ListChangeListener<RouteRow>) c -> {
            selected.clear();
            selected.addAll(selection);
            selectionChanged();
        });
        table.rows().addListener((ListChangeListener<RouteRow>) c -> {
            if (selectionFollowQueued) {
                return;
            }
            boolean touchesSelection = false;
            while (c.next() && !touchesSelection) {
                if (c.wasUpdated()) {
                    for (int i = c.getFrom(); i < c.getTo() && !touchesSelection; i++) {
                        touchesSelection = selected.contains(c.getList().get(i));
                    }
                }
            }
            if (touchesSelection) {
                // a delta updates its rows one by one: the actions follow once, after all of them
                selectionFollowQueued = true;
                ui.execute(() -> {
                    selectionFollowQueued = false;
                    enabled.update(selection);
                    history.reloadIfShown(selection.size() == 1 ? selection.get(0).key() : null);
                });
            }
        });
    }

    /** Starts watching the database (first load at once, then every poll interval). */
    public void start(RoutesPrompts prompts) {
        this.prompts = prompts;
        watcher.start();
    }

    public RouteTable table() {
        return table;
    }

    public RouteHistoryModel history() {
        return history;
    }

    /** Which actions the selection allows, and why not. */
    public RouteActions actions() {
        return enabled;
    }

    public ReadOnlyObjectProperty<StatusLine> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The outbox backlog as of the last poll; pending -1 when the database did not answer. */
    public ReadOnlyObjectProperty<Backlog> backlogProperty() {
        return backlog.getReadOnlyProperty();
    }

    /** The route the table should select and scroll to (set after a create). */
    public ReadOnlyObjectProperty<RouteKey> revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty partitionsProperty() {
        return partitions.getReadOnlyProperty();
    }

    /** The topic's partition count, once known, for the create form's partition preview. */
    public void setPartitions(int count) {
        partitions.set(count);
    }

    public boolean sandbox() {
        return settings.sandbox();
    }

    public OperatorContext operator() {
        return operator;
    }

    /** The rows the operator selected, in table order; the view keeps this in step with the table. */
    public void setSelection(List<RouteRow> rows) {
        selection.setAll(rows);
    }

    public List<RouteRow> selection() {
        return List.copyOf(selection);
    }

    private void selectionChanged() {
        enabled.update(selection);
        history.show(selection.size() == 1 ? selection.get(0).key() : null);
    }

    /** Reloads the table now (it also reloads every poll interval). */
    public void reload() {
        watcher.refreshNow();
        history.reloadIfShown(history.shown());
    }

    // ---- commands -----------------------------------------------------------------------------------

    public void activateSelected() {
        changeState(true);
    }

    public void deactivateSelected() {
        changeState(false);
    }

    private void changeState(boolean activate) {
        if (!(activate ? enabled.canActivateProperty() : enabled.canDeactivateProperty()).get()) {
            return;
        }
        List<RouteRow> targets = enabled.targets(selection, activate);
        String verb = activate ? "activate" : "deactivate";
        // the versions the confirmation shows: a change another console makes while it is open is a conflict,
        // not something the operator confirmed without seeing it
        List<VersionedKey> keys = targets.stream().map(r -> VersionedKey.of(r.route())).toList();
        if (!confirmed(Confirmations.stateChange(verb, targets, settings))) {
            setStatus(StatusLine.info(verb + " cancelled; nothing was changed"));
            return;
        }
        runChange(verb, verb + "d", targets,
                () -> (activate ? service.bulkActivate(keys, operator) : service.bulkDeactivate(keys, operator)).changes());
    }

    public void editSelectedUrl() {
        if (!enabled.canEditUrlProperty().get()) {
            return;
        }
        RouteRow row = selection.get(0);
        editUrl(row, urlDrafts.getOrDefault(row.key(), row.route().url()));
    }

    private void editUrl(RouteRow row, String proposed) {
        Route before = row.route();
        Optional<String> url = prompts.editUrl(before, proposed);
        if (url.isEmpty()) {
            urlDrafts.remove(before.key()); // the operator let it go
            return;
        }
        if (url.get().equals(before.url())) {
            urlDrafts.remove(before.key());
            setStatus(StatusLine.info("nothing to do: " + before.key() + " already points to " + url.get()));
            return;
        }
        if (settings.isProtected(before.key().env())
                && !confirmed(Confirmations.urlChange(before, url.get()))) {
            // kept: a confirmation closed by reflex (Enter on its default Cancel) must not cost the typed URL;
            // the next Edit URL offers it again, where cancelling lets it go
            urlDrafts.put(before.key(), url.get());
            setStatus(StatusLine.info("URL change cancelled; nothing was changed (Edit URL offers your URL again)"));
            return;
        }
        // kept until the change commits: a change that fails (database down, refused, a conflict the
        // operator closed) offers the typed URL again on the next Edit URL
        urlDrafts.put(before.key(), url.get());
        runChange("change the URL of " + before.key(), "changed the URL of", List.of(row),
                () -> List.of(service.updateUrl(before.key(), url.get(), before.rowVersion(), operator)),
                () -> editAgainAfterConflict(before.key(), url.get()));
    }

    /** After a conflict and Reload: the route read again, and the edit opened again with the operator's URL. */
    private void editAgainAfterConflict(RouteKey key, String proposed) {
        if (closed) {
            return;
        }
        actions.execute(() -> {
            try {
                Optional<Route> now = service.find(key);
                ui.execute(() -> {
                    if (now.isEmpty()) {
                        setStatus(StatusLine.warn(key + " was deleted meanwhile; your URL was " + proposed));
                        return;
                    }
                    table.upsert(List.of(now.get()));
                    table.row(key).ifPresent(row -> editUrl(row, proposed));
                });
            } catch (RuntimeException e) {
                ui.execute(() -> setStatus(StatusLine.warn("could not read " + key + " again: " + e.getMessage()
                        + "; your URL was " + proposed)));
            }
        });
    }

    public void deleteSelected() {
        if (!enabled.canDeleteProperty().get()) {
            return;
        }
        RouteRow row = selection.get(0);
        Route before = row.route();
        if (!confirmed(Confirmations.delete(before, settings))) {
            setStatus(StatusLine.info("delete cancelled; nothing was changed"));
            return;
        }
        runChange("delete " + before.key(), "deleted", List.of(row),
                () -> List.of(service.delete(before.key(), before.rowVersion(), operator)));
    }

    /** A new, empty create form (the view shows it in a dialog). */
    public CreateRouteModel newCreateForm() {
        return new CreateRouteModel(operator.userId(), partitions.getReadOnlyProperty(), Clock.systemUTC());
    }

    /** Creates the form's route; {@code done} runs on success (the dialog closes), else the form shows why. */
    public void create(CreateRouteModel form, Runnable done) {
        if (!enabled.canCreateProperty().get() || !form.canCreateProperty().get()) {
            return;
        }
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
    public void loadSampleRoutes() {
        if (!settings.sandbox() || !enabled.canCreateProperty().get()) {
            return;
        }
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

    // ---- running a change ---------------------------------------------------------------------------

    private boolean confirmed(Optional<Confirmation> confirmation) {
        return confirmation.isEmpty() || prompts.confirm(confirmation.get());
    }

    private boolean confirmed(Confirmation confirmation) {
        return prompts.confirm(confirmation);
    }

    /** Marks the rows busy, runs the change in the background, then shows the outcome. */
    private void runChange(String attempted, String verbPast, List<RouteRow> rows, Supplier<List<ChangeResult>> work) {
        runChange(attempted, verbPast, rows, work, null);
    }

    /** @param afterReload run once the operator chose Reload on a conflict (null: nothing more) */
    private void runChange(String attempted, String verbPast, List<RouteRow> rows, Supplier<List<ChangeResult>> work,
                           Runnable afterReload) {
        rows.forEach(r -> r.setBusy(true));
        enabled.update(selection);
        long seq = setStatus(StatusLine.working(attempted + (rows.size() > 1 ? " (" + rows.size() + " routes)" : "")
                + "..."));
        actions.execute(() -> {
            try {
                List<ChangeResult> changes = work.get();
                ui.execute(() -> {
                    changes.forEach(c -> urlDrafts.computeIfPresent(c.key(),
                            (k, draft) -> c.after() == null || c.after().url().equals(draft) ? null : draft));
                    table.upsert(changes.stream().map(ChangeResult::after).filter(java.util.Objects::nonNull).toList());
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
                    if (prompts.conflict(report)) {
                        reload();
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
                        reload();
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
        enabled.update(selection);
    }

    /** The event id of the latest change this tab made (the first route's, for a bulk action). */
    public ReadOnlyObjectProperty<java.util.UUID> lastChangeProperty() {
        return lastChange.getReadOnlyProperty();
    }

    private void committed(long seq, String verbPast, List<ChangeResult> changes) {
        if (!changes.isEmpty()) {
            lastChange.set(changes.get(0).eventId());
        }
        setStatusIf(seq, StatusLine.working(ActionMessages.committed(verbPast, changes)));
        watcher.refreshNow();
        tracker.track(changes, () -> statusSeq.get() == seq, new PublishTracker.Listener() {
            @Override
            public void published(java.util.Map<java.util.UUID, com.trafficmanager.console.outbox.PublishState> states) {
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

    private long setStatus(StatusLine line) {
        long seq = statusSeq.incrementAndGet();
        status.set(line);
        return seq;
    }

    /** Sets the status only if no newer action took the line meanwhile. */
    private void setStatusIf(long seq, StatusLine line) {
        if (statusSeq.get() == seq) {
            status.set(line);
        }
    }

    /**
     * Stops watching. Changes the operator asked for before still commit (or fail): they are let finish,
     * not interrupted, and {@link #awaitChanges} waits for them before the session's pool closes. What
     * they answer afterwards is dropped (see {@code ui}).
     */
    @Override
    public void close() {
        closed = true;
        watcher.close();
        actions.shutdown();
        reads.shutdownNow();
        publishChecks.shutdownNow();
    }

    /**
     * Takes no more changes and waits for those asked for (after {@link #close}, or without it when the
     * process ends on a signal); false if some still run after the timeout. Any thread.
     */
    public boolean awaitChanges(java.time.Duration timeout) throws InterruptedException {
        actions.shutdown(); // else the wait would last the whole timeout: the pool takes changes until shut
        return actions.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
