package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteWatcher;
import com.trafficmanager.console.route.VersionedKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Routes tab's view model: the table, the selection and which actions it allows, the commands
 * (create, activate, deactivate, edit URL, delete, bulk, sample routes), the status line, the history
 * of the selected route and the outbox backlog. No Node in here; questions to the operator go through
 * {@link RoutesPrompts}. Here a command decides what to change and asks the operator;
 * {@link RouteChangeRunner} carries the change out and reports it, {@link RouteSelection} keeps the
 * actions and the history in step with the selection.
 *
 * <p>Threading: every method is called on the JavaFX thread; service calls run on the tab's own
 * background threads and come back through {@code ui} (Platform::runLater) once per result. While an
 * action runs, its rows are busy: they show progress and cannot be acted on again.
 *
 * <p>Hazard: the read-only check here only disables controls; the service refuses writes anyway.
 */
public final class RoutesViewModel implements AutoCloseable {
    private final RouteService service;
    private final OperatorContext operator;
    private final RoutesSettings settings;
    private final Executor ui;
    private final ScheduledExecutorService reads =
            Executors.newScheduledThreadPool(1, DaemonThreads.named("routes-reads"));
    private final RouteTable table = new RouteTable();
    private final RouteHistoryModel history;
    private final RouteActions enabled;
    private final RouteWatcher watcher;
    private final RouteSelection selection;
    private final RouteChangeRunner changeRunner;
    private final ReadOnlyObjectWrapper<Backlog> backlog = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper partitions = new ReadOnlyIntegerWrapper();
    /** Set by {@link #close}; answers that arrive later (a publish confirmed after the tab closed) are dropped. */
    private volatile boolean closed;
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
        this.selection = new RouteSelection(table, enabled, history, this.ui);
        // prompts is read when a conflict comes, not now: it is set by start
        this.changeRunner = new RouteChangeRunner(service, operator, this.ui, table, history, selection, watcher,
                report -> prompts.conflict(report), this::reload, this::forgetCommittedDrafts);
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
        return changeRunner.statusProperty();
    }

    /** The event id of the latest change this tab made (the first route's, for a bulk action). */
    public ReadOnlyObjectProperty<java.util.UUID> lastChangeProperty() {
        return changeRunner.lastChangeProperty();
    }

    /** The outbox backlog as of the last poll; pending -1 when the database did not answer. */
    public ReadOnlyObjectProperty<Backlog> backlogProperty() {
        return backlog.getReadOnlyProperty();
    }

    /** The route the table should select and scroll to (set after a create). */
    public ReadOnlyObjectProperty<RouteKey> revealProperty() {
        return changeRunner.revealProperty();
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
        selection.select(rows);
    }

    public List<RouteRow> selection() {
        return List.copyOf(selection.rows());
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
        List<RouteRow> targets = enabled.targets(selection.rows(), activate);
        String verb = activate ? "activate" : "deactivate";
        // the versions the confirmation shows: a change another console makes while it is open is a conflict,
        // not something the operator confirmed without seeing it
        List<VersionedKey> keys = targets.stream().map(r -> VersionedKey.of(r.route())).toList();
        if (!confirmed(Confirmations.stateChange(verb, targets, settings))) {
            setStatus(StatusLine.info(verb + " cancelled; nothing was changed"));
            return;
        }
        changeRunner.runChange(verb, verb + "d", targets,
                () -> (activate ? service.bulkActivate(keys, operator) : service.bulkDeactivate(keys, operator)).changes());
    }

    public void editSelectedUrl() {
        if (!enabled.canEditUrlProperty().get()) {
            return;
        }
        RouteRow row = selection.rows().get(0);
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
        changeRunner.runChange("change the URL of " + before.key(), "changed the URL of", List.of(row),
                () -> List.of(service.updateUrl(before.key(), url.get(), before.rowVersion(), operator)),
                () -> editAgainAfterConflict(before.key(), url.get()));
    }

    /** After a conflict and Reload: the route read again, and the edit opened again with the operator's URL. */
    private void editAgainAfterConflict(RouteKey key, String proposed) {
        if (closed) {
            return;
        }
        changeRunner.afterChanges(() -> {
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
        RouteRow row = selection.rows().get(0);
        Route before = row.route();
        if (!confirmed(Confirmations.delete(before, settings))) {
            setStatus(StatusLine.info("delete cancelled; nothing was changed"));
            return;
        }
        changeRunner.runChange("delete " + before.key(), "deleted", List.of(row),
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
        changeRunner.create(form, done);
    }

    /** Sandbox only: loads 3 tenants x 4 services x 3 envs x 2 versions of sample routes. */
    public void loadSampleRoutes() {
        if (!settings.sandbox() || !enabled.canCreateProperty().get()) {
            return;
        }
        changeRunner.loadSampleRoutes();
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private boolean confirmed(Optional<Confirmation> confirmation) {
        return confirmation.isEmpty() || prompts.confirm(confirmation.get());
    }

    private boolean confirmed(Confirmation confirmation) {
        return prompts.confirm(confirmation);
    }

    private void setStatus(StatusLine line) {
        changeRunner.setStatus(line);
    }

    /**
     * What a change committed ends the drafts of its routes: deleted, or now pointing to the typed URL. A draft
     * another change did not fulfil (an activate of the route meanwhile) stays for the next Edit URL.
     */
    private void forgetCommittedDrafts(List<ChangeResult> committed) {
        committed.forEach(c -> urlDrafts.computeIfPresent(c.key(),
                (k, draft) -> c.after() == null || c.after().url().equals(draft) ? null : draft));
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
        changeRunner.close();
        reads.shutdownNow();
    }

    /**
     * Takes no more changes and waits for those asked for (after {@link #close}, or without it when the
     * process ends on a signal); false if some still run after the timeout. Any thread.
     */
    public boolean awaitChanges(java.time.Duration timeout) throws InterruptedException {
        return changeRunner.awaitChanges(timeout);
    }
}
