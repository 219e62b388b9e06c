package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.route.RouteWatcher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The rows of the routes table and what narrows them: all rows, the filtered and the sorted view of
 * them, the filter inputs, the env choices and the counts line ("124 routes, 37 active, 5 shown").
 *
 * <p>Rows are merged by key ({@link #apply}): a changed route updates its existing row (an "update"
 * change through the list's extractor), so selection and scroll stay; only new and removed routes add
 * or remove rows. JavaFX thread only.
 */
public final class RouteTable {
    private final ObservableList<RouteRow> rows =
            FXCollections.observableArrayList(row -> new Observable[] {row.routeProperty()});
    private final ObservableList<RouteRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<RouteRow> filtered = new FilteredList<>(rows);
    private final SortedList<RouteRow> sorted = new SortedList<>(filtered);
    private final Map<RouteKey, RouteRow> byKey = new HashMap<>();
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<String> envFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<RouteState> stateFilter = new SimpleObjectProperty<>();
    private final ObservableList<String> envs = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("loading routes...");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper();
    /** The watcher's bound when more routes exist than it reads; 0 when all are loaded. */
    private int truncatedAt;
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper();
    /**
     * Told before and after the shown rows are replaced as a whole (a new filter, or many new routes at once):
     * a table answers such a change by dropping all but one selected row, so its view keeps the selection.
     */
    private Runnable beforeReplace = () -> { };
    private Runnable afterReplace = () -> { };
    private int activeCount;
    /** True while a delta or an upsert changes many rows: they are counted once at its end, not once per row. */
    private boolean batch;

    public RouteTable() {
        filterText.addListener((obs, o, n) -> refilter());
        envFilter.addListener((obs, o, n) -> refilter());
        stateFilter.addListener((obs, o, n) -> refilter());
        filtered.addListener((javafx.collections.ListChangeListener<RouteRow>) c -> updateCounts());
        rows.addListener((javafx.collections.ListChangeListener<RouteRow>) c -> {
            boolean changed = false;
            while (c.next()) {
                changed |= c.wasAdded() || c.wasRemoved() || c.wasUpdated();
            }
            if (changed && !batch) {
                recount();
            }
        });
    }

    /** Every row, unfiltered. */
    public ObservableList<RouteRow> rows() {
        return readOnlyRows; // one instance: it holds its listeners only weakly from the backing list
    }

    /** The rows that pass the filter, sorted by the table's comparator (bind it to the table's). */
    public SortedList<RouteRow> sorted() {
        return sorted;
    }

    public FilteredList<RouteRow> filtered() {
        return filtered;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** The env to show, null for all. */
    public ObjectProperty<String> envFilterProperty() {
        return envFilter;
    }

    /** The state to show, null for all. */
    public ObjectProperty<RouteState> stateFilterProperty() {
        return stateFilter;
    }

    /** The envs present in the table, sorted, for the env filter. */
    public ObservableList<String> envs() {
        return envs;
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** True once the first load arrived. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** True when loaded and there are no routes at all (the empty state shows). */
    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public Optional<RouteRow> row(RouteKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Applies a delta from the watcher: new rows added, changed rows updated in place, gone rows removed. */
    public void apply(RouteWatcher.Delta delta) {
        batch = true;
        try {
            if (delta.initial() && rows.isEmpty()) {
                List<RouteRow> all = new ArrayList<>(delta.upserts().size());
                for (Route r : delta.upserts()) {
                    RouteRow row = new RouteRow(r);
                    byKey.put(r.key(), row);
                    all.add(row);
                }
                rows.setAll(all);
            } else {
                upsertRows(delta.upserts());
                remove(delta.removals());
            }
        } finally {
            batch = false;
        }
        loaded.set(true);
        truncatedAt = delta.truncated() ? delta.limit() : 0;
        refreshEnvs();
        recount();
    }

    /** Puts routes this console just changed into the table at once, before the next poll confirms them. */
    public void upsert(Collection<Route> routes) {
        batch = true;
        try {
            upsertRows(routes);
        } finally {
            batch = false;
        }
        recount();
    }

    private void upsertRows(Collection<Route> routes) {
        List<RouteRow> added = new ArrayList<>();
        for (Route r : routes) {
            RouteRow row = byKey.get(r.key());
            if (row == null) {
                row = new RouteRow(r);
                byKey.put(r.key(), row);
                added.add(row);
            } else if (!row.route().equals(r) && isNewer(r, row.route())) {
                row.update(r);
            }
        }
        if (!added.isEmpty()) {
            insertInKeyOrder(added);
            refreshEnvs();
        }
    }

    /**
     * New rows go where their key sorts (the initial load arrives in key order), so the unsorted table
     * reads tenant / service / env / version; a few rows, so one binary search each.
     */
    private void insertInKeyOrder(List<RouteRow> added) {
        if (added.size() > 64) {
            List<RouteRow> all = new ArrayList<>(rows);
            all.addAll(added);
            all.sort(java.util.Comparator.comparing(row -> row.route().key()));
            beforeReplace.run();
            rows.setAll(all);
            afterReplace.run();
            return;
        }
        for (RouteRow row : added) {
            int at = java.util.Collections.binarySearch(rows, row, java.util.Comparator.comparing(r -> r.route().key()));
            rows.add(at < 0 ? -at - 1 : at, row);
        }
    }

    public void remove(Collection<RouteKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Set<RouteKey> gone = new HashSet<>(keys);
        gone.forEach(byKey::remove);
        rows.removeIf(r -> gone.contains(r.key()));
        refreshEnvs();
    }

    /**
     * By row_version alone: a route created again after a delete goes on from the delete's revision, and
     * times come from each console's own clock, which may run ahead of this one's.
     */
    private static boolean isNewer(Route incoming, Route shown) {
        return incoming.rowVersion() >= shown.rowVersion();
    }

    private void refilter() {
        RouteFilter filter = new RouteFilter(filterText.get(), envFilter.get(), stateFilter.get());
        beforeReplace.run();
        filtered.setPredicate(filter.matchesAll() ? null : filter.compile());
        afterReplace.run();
    }

    /** See {@link #beforeReplace}; one pair, the view's. */
    public void onReplace(Runnable before, Runnable after) {
        this.beforeReplace = before;
        this.afterReplace = after;
    }

    private void refreshEnvs() {
        Set<String> present = new TreeSet<>();
        for (RouteRow r : rows) {
            present.add(r.key().env());
        }
        if (!envs.equals(new ArrayList<>(present))) {
            envs.setAll(present);
        }
    }

    private void recount() {
        int active = 0;
        for (RouteRow r : rows) {
            if (r.route().active()) {
                active++;
            }
        }
        activeCount = active;
        updateCounts();
    }

    private void updateCounts() {
        empty.set(loaded.get() && rows.isEmpty());
        if (!loaded.get()) {
            return;
        }
        counts.set(String.format(Locale.ROOT, "%,d route%s, %,d active, %,d shown", rows.size(),
                rows.size() == 1 ? "" : "s", activeCount, filtered.size())
                + (truncatedAt > 0 ? String.format(Locale.ROOT,
                        " (more exist: only the first %,d by key are loaded)", truncatedAt)
                        : ""));
    }
}
