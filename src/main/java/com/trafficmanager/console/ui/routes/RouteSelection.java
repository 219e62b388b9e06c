package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteKey;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The rows the operator selected, in table order, and what follows them: which actions they allow
 * ({@link RouteActions}) and whose history shows ({@link RouteHistoryModel}). The view keeps it in step
 * with the table through {@link RoutesViewModel#setSelection}.
 *
 * <p>Hazard: a poll's delta updates its rows one by one, each an "update" change of the table's rows.
 * Following every one would recompute the actions and reload the history once per row; instead the
 * first update that touches a selected row queues one follow through {@code ui}, which runs after the
 * whole delta. JavaFX thread only.
 */
final class RouteSelection {
    private final ObservableList<RouteRow> rows = FXCollections.observableArrayList();
    /** The same rows by identity: a quick test of whether a row the table updated is selected. */
    private final Set<RouteRow> selected = Collections.newSetFromMap(new IdentityHashMap<>());
    private final RouteActions enabled;
    private final RouteHistoryModel history;
    /** A follow is queued and has not run yet: further updates before it add nothing. */
    private boolean followQueued;

    /** @param ui the view model's way onto the JavaFX thread (drops what comes after close) */
    RouteSelection(RouteTable table, RouteActions enabled, RouteHistoryModel history, Executor ui) {
        this.enabled = enabled;
        this.history = history;
        rows.addListener((ListChangeListener<RouteRow>) c -> {
            selected.clear();
            selected.addAll(rows);
            enabled.update(rows);
            history.show(single());
        });
        table.rows().addListener((ListChangeListener<RouteRow>) c -> {
            if (followQueued) {
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
                followQueued = true;
                ui.execute(() -> {
                    followQueued = false;
                    enabled.update(rows);
                    history.reloadIfShown(single());
                });
            }
        });
    }

    /** Replaces the selection; the actions and the history follow at once. */
    void select(List<RouteRow> chosen) {
        rows.setAll(chosen);
    }

    /** The selected rows themselves (live, not a copy), in table order. */
    List<RouteRow> rows() {
        return rows;
    }

    /** Recomputes the actions, e.g. after rows of the selection became busy or free again. */
    void actionsFollow() {
        enabled.update(rows);
    }

    /** The one selected route, or null when none or several are selected. */
    private RouteKey single() {
        return rows.size() == 1 ? rows.get(0).key() : null;
    }
}
