package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The history pane of the selected route: its changes newest first (at most 500), each with the
 * before -> after diff, actor, time, event id and where the event was published. Loaded on a
 * background executor whenever the selection or the route changes; an answer that arrives after the
 * operator selected something else is dropped (request numbers), so the pane never shows the wrong
 * route. Call {@link #show} on the JavaFX thread.
 */
public final class RouteHistoryModel {
    private java.util.function.Consumer<java.util.UUID> traceOpener = id -> { };

    /** Where "Show trace" on a history row goes (the console's trace window). */
    public void setTraceOpener(java.util.function.Consumer<java.util.UUID> opener) {
        this.traceOpener = opener;
    }

    void showTrace(java.util.UUID eventId) {
        traceOpener.accept(eventId);
    }

    private final RouteService service;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<HistoryRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("History: select one route");
    private final AtomicLong request = new AtomicLong();
    private RouteKey shown;
    /** The shown route's last read failed (JavaFX thread). */
    private boolean readFailed;

    RouteHistoryModel(RouteService service, Executor background, Executor ui) {
        this.service = service;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<HistoryRow> rows() {
        return rows;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The route whose history shows, or null. */
    public RouteKey shown() {
        return shown;
    }

    /** Shows the history of {@code key} (null clears the pane). */
    void show(RouteKey key) {
        if (!java.util.Objects.equals(key, shown)) {
            rows.clear(); // another route's changes never show under this one's title, even if its read fails
        }
        shown = key;
        readFailed = false;
        long id = request.incrementAndGet();
        if (key == null) {
            title.set("History: select one route");
            return;
        }
        title.set("History of " + key + " (loading...)");
        background.execute(() -> {
            if (request.get() != id) {
                return; // the selection moved on before this read started: its answer would not show
            }
            try {
                List<HistoryRow> loaded = service.history(key).stream().map(HistoryDiff::row).toList();
                ui.execute(() -> {
                    if (request.get() == id) {
                        readFailed = false;
                        rows.setAll(loaded);
                        title.set("History of " + key + " (" + loaded.size() + " change" + (loaded.size() == 1 ? "" : "s")
                                + ")");
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    if (request.get() == id) {
                        readFailed = true;
                        title.set("History of " + key + ": could not be read (" + e.getMessage()
                                + "); it is read again when the database is back, or on Reload");
                    }
                });
            }
        });
    }

    /** Reads the shown route's history again if the last read failed (the database answers again). */
    void retryIfReadFailed() {
        if (readFailed && shown != null) {
            show(shown);
        }
    }

    /** Reloads the pane if it shows {@code key}. */
    void reloadIfShown(RouteKey key) {
        if (key != null && key.equals(shown)) {
            show(key);
        }
    }
}
