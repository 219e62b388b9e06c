package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteState;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the routes table. The row object lives as long as its route does: a change made here or
 * by another console replaces the {@link Route} inside it instead of replacing the row, so the table
 * keeps the operator's selection and scroll position.
 *
 * <p>The lowercase search text is computed once per change, never per keystroke: filtering 10,000 rows
 * is then one {@code contains} per row. Mutate only on the JavaFX thread (or before the row is shown).
 */
public final class RouteRow {
    /** What the state column shows: the state, or that an action on the row is running. */
    public record Badge(RouteState state, boolean busy) {
    }

    private final RouteKey key;
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Badge> badge = new ReadOnlyObjectWrapper<>();
    private String searchText;
    private String updatedAtText;

    public RouteRow(Route route) {
        this.key = route.key();
        update(route);
    }

    public RouteKey key() {
        return key;
    }

    public Route route() {
        return route.get();
    }

    public ReadOnlyObjectProperty<Route> routeProperty() {
        return route.getReadOnlyProperty();
    }

    public boolean busy() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Badge> badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** Lowercase tenant/service/env/version, URL, state, actor and time, for the filter box. */
    public String searchText() {
        return searchText;
    }

    public String updatedAtText() {
        return updatedAtText;
    }

    void update(Route r) {
        if (!r.key().equals(key)) {
            throw new IllegalArgumentException("row " + key + " cannot show route " + r.key());
        }
        updatedAtText = RouteFormats.time(r.updatedAt());
        searchText = searchTextOf(r, updatedAtText);
        route.set(r);
        badge.set(new Badge(r.state(), busy.get()));
    }

    void setBusy(boolean value) {
        busy.set(value);
        badge.set(new Badge(route.get().state(), value));
    }

    static String searchTextOf(Route r, String updatedAtText) {
        RouteKey k = r.key();
        return (k.tenant() + '/' + k.service() + '/' + k.env() + '/' + k.version() + '\n' + r.url() + '\n'
                + r.state().dbName() + '\n' + r.updatedBy() + '\n' + updatedAtText).toLowerCase(Locale.ROOT);
    }
}
