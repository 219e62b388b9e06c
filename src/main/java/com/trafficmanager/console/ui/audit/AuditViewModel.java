package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.audit.AuditCsvExport;
import com.trafficmanager.console.audit.AuditFilter;
import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.audit.AuditPage;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.text.FailureText;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * View model of the "Audit log" tab: the filter as typed ({@link AuditFilterForm}: checked as it changes,
 * with a message per field), the newest
 * {@value #PAGE} matching entries and "Load older" pages on top, and the CSV export with its progress.
 * Queries and the export run on {@code background}; their results come back through {@code ui} in one
 * call per page (Platform::runLater in the app, a direct executor in tests).
 *
 * <p>Bounded: at most {@value #MAX_ROWS} rows are held; beyond that the operator narrows the filter
 * or exports. A result that arrives after a newer query started is dropped.
 */
public final class AuditViewModel {
    static final int PAGE = 500;
    static final int MAX_ROWS = 5_000;

    private final AuditLog log;
    private final AuditCsvExport export;
    private final Executor background;
    private final Executor exportBackground;
    private final Executor ui;
    private final ZoneId zone;

    private final AuditFilterForm form;
    private final SimpleStringProperty status = new SimpleStringProperty("");
    private final SimpleBooleanProperty loading = new SimpleBooleanProperty();
    private final SimpleBooleanProperty more = new SimpleBooleanProperty();
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private final ObservableList<AuditRow> rowsView = FXCollections.unmodifiableObservableList(rows);

    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final DoubleProperty exportProgress = new SimpleDoubleProperty();
    private final SimpleStringProperty exportStatus = new SimpleStringProperty("");
    /** The last export's: Cancel stops it (UI thread only). */
    private AuditCsvExport.Cancellation exportCancel = new AuditCsvExport.Cancellation();

    private final AtomicLong generation = new AtomicLong();
    private AuditFilter shown = AuditFilter.ALL; // the search whose entries the table shows
    private Optional<Long> nextPage = Optional.empty();

    public AuditViewModel(AuditLog log, Executor background, Executor ui, Clock clock, ZoneId zone) {
        this(log, background, background, ui, clock, zone);
    }

    /**
     * @param exportBackground where exports run: a thread of their own in the app, so that a long export
     *                         does not hold every search back behind it
     */
    public AuditViewModel(AuditLog log, Executor background, Executor exportBackground, Executor ui, Clock clock,
                          ZoneId zone) {
        this.log = log;
        this.export = new AuditCsvExport(log);
        this.background = background;
        this.exportBackground = exportBackground;
        this.ui = ui;
        this.zone = zone;
        this.form = new AuditFilterForm(clock, zone);
    }

    /** The filter as typed, a page of it, or empty when a field is invalid (its message is set). */
    Optional<AuditFilter> filter() {
        return form.filter().map(f -> f.withLimit(PAGE));
    }

    /** Runs the filter: the newest {@value #PAGE} matching entries replace the table. */
    public void refresh() {
        Optional<AuditFilter> f = filter();
        if (f.isEmpty()) {
            status.set("Fix " + form.toFix() + " to search");
            return;
        }
        query(f.get(), true);
    }

    /**
     * The tab is shown again: entries made since the last search show up, unless the operator loaded
     * older pages, which a new search would throw away; then the status says how to see the new ones.
     * Nothing while a search is under way: its answer is as new, and switching tabs back and forth
     * would otherwise queue one search per visit on the single search thread.
     */
    public void shownAgain() {
        if (loading.get()) {
            return;
        }
        if (rows.size() <= PAGE) {
            refresh();
        } else {
            status.set("Showing the " + rows.size() + " entries loaded before; Search shows entries made since");
        }
    }

    /** Appends the next older page, while fewer than {@value #MAX_ROWS} rows are shown. */
    public void loadOlder() {
        if (nextPage.isEmpty() || loading.get()) {
            return;
        }
        if (rows.size() >= MAX_ROWS) {
            status.set("Showing the newest " + rows.size() + " entries, the most this view holds; narrow the filter "
                    + "or export to CSV for all of them");
            return;
        }
        query(shown.olderThan(nextPage.get()), false);
    }

    /**
     * Searches run one at a time on {@code background}. One that a newer search superseded before it
     * started is skipped: its answer would be dropped anyway, and running it (up to the query timeout)
     * would hold the newer one back. Loading stays on meanwhile; the newest search turns it off.
     */
    private void query(AuditFilter filter, boolean replace) {
        long mine = generation.incrementAndGet();
        loading.set(true);
        status.set("Searching...");
        background.execute(() -> {
            if (mine != generation.get()) {
                return;
            }
            try {
                AuditPage page = log.find(filter);
                List<AuditRow> batch = page.entries().stream().map(e -> AuditRow.of(e, zone)).toList();
                ui.execute(() -> showPage(mine, filter, page, batch, replace));
            } catch (RuntimeException | Error e) { // an Error too: Search must not stay disabled
                ui.execute(() -> {
                    if (mine == generation.get()) {
                        loading.set(false);
                        status.set(e instanceof Error ? "Search failed: " + e : e.getMessage());
                    }
                });
                if (e instanceof Error error) {
                    throw error;
                }
            }
        });
    }

    private void showPage(long mine, AuditFilter filter, AuditPage page, List<AuditRow> batch, boolean replace) {
        if (mine != generation.get()) {
            return;
        }
        if (replace) {
            shown = filter; // only now: after a search that failed, Load older goes on with the rows shown
            rows.setAll(batch);
        } else {
            rows.addAll(batch);
        }
        nextPage = page.nextPage();
        more.set(page.more() && rows.size() < MAX_ROWS);
        loading.set(false);
        if (rows.isEmpty()) {
            status.set("No entry matches the filter");
        } else if (page.more()) {
            status.set("Showing the newest " + rows.size() + " matching entries; older ones match too");
        } else {
            status.set(rows.size() + (rows.size() == 1 ? " entry" : " entries"));
        }
    }

    /** Exports every entry matching the filter (not only the shown ones) to {@code file}, in the background. */
    public void exportTo(Path file) {
        if (exporting.get()) {
            return;
        }
        Optional<AuditFilter> f = filter();
        if (f.isEmpty()) {
            exportStatus.set("Not exported: fix " + form.toFix() + " first");
            return;
        }
        AuditCsvExport.Cancellation cancel = new AuditCsvExport.Cancellation();
        exportCancel = cancel;
        exporting.set(true);
        exportProgress.set(-1);
        exportStatus.set("Exporting...");
        exportBackground.execute(() -> {
            String[] result = {"Export failed: an unexpected error (see the log)"};
            // one page of 1,000 rows can take a millisecond: the progress goes to the window at most once
            // per pass of its thread, the latest figures then, not once per page
            AtomicReference<long[]> latest = new AtomicReference<>();
            AtomicBoolean shown = new AtomicBoolean(true);
            try {
                long n = export.export(f.get(), file, (done, total) -> {
                    latest.set(new long[] {done, total});
                    if (shown.compareAndSet(true, false)) {
                        ui.execute(() -> {
                            shown.set(true);
                            long[] p = latest.get();
                            if (p[1] == AuditCsvExport.Progress.UNKNOWN_TOTAL) { // the count was slow: no total
                                exportProgress.set(-1);
                                exportStatus.set("Exported " + p[0] + " so far");
                            } else {
                                exportProgress.set(p[1] == 0 ? 1 : (double) p[0] / p[1]);
                                exportStatus.set("Exported " + p[0] + " of " + p[1]);
                            }
                        });
                    }
                }, cancel);
                result[0] = "Exported " + n + (n == 1 ? " entry" : " entries") + " to " + file;
            } catch (AuditCsvExport.CancelledException e) {
                result[0] = "Export cancelled; nothing written";
            } catch (Exception e) {
                result[0] = "Export failed: " + FailureText.of(e);
            } finally {
                ui.execute(() -> {
                    exporting.set(false);
                    exportStatus.set(result[0]);
                });
            }
        });
    }

    /** Stops the export under way, also the page it is reading; returns at once. */
    public void cancelExport() {
        exportCancel.cancel();
    }

    public void clearFilter() {
        form.clear();
        refresh();
    }

    public StringProperty actorProperty() {
        return form.actorProperty();
    }

    public StringProperty tenantProperty() {
        return form.tenantProperty();
    }

    public StringProperty serviceProperty() {
        return form.serviceProperty();
    }

    public StringProperty envProperty() {
        return form.envProperty();
    }

    public ObjectProperty<Action> actionProperty() {
        return form.actionProperty();
    }

    public StringProperty fromProperty() {
        return form.fromProperty();
    }

    public StringProperty toProperty() {
        return form.toProperty();
    }

    /** Empty while the tenant filter is empty or a valid name; otherwise the rule it breaks. */
    public ReadOnlyStringProperty tenantErrorProperty() {
        return form.tenantErrorProperty();
    }

    public ReadOnlyStringProperty serviceErrorProperty() {
        return form.serviceErrorProperty();
    }

    public ReadOnlyStringProperty envErrorProperty() {
        return form.envErrorProperty();
    }

    public ReadOnlyStringProperty fromErrorProperty() {
        return form.fromErrorProperty();
    }

    public ReadOnlyStringProperty toErrorProperty() {
        return form.toErrorProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty moreProperty() {
        return more;
    }

    public ObservableList<AuditRow> rows() {
        return rowsView;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting;
    }

    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress;
    }

    public ReadOnlyStringProperty exportStatusProperty() {
        return exportStatus;
    }
}
