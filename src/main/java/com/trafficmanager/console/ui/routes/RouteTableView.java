package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.ui.common.WholeTextCell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The routes table: one column per route field, sortable, multi-select, bound to the view model's
 * sorted and filtered rows. Cells observe their row's route, so a change updates the cell in place;
 * the selection is pushed to the view model on every change.
 */
final class RouteTableView extends TableView<RouteRow> {

    RouteTableView(RoutesViewModel model) {
        setId("routes-table");
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No route matches the filter."));
        getColumns().add(keyColumn("Tenant", 110, r -> r.key().tenant()));
        getColumns().add(keyColumn("Service", 110, r -> r.key().service()));
        getColumns().add(keyColumn("Env", 80, r -> r.key().env()));
        getColumns().add(keyColumn("Version", 70, r -> r.key().version()));
        TableColumn<RouteRow, String> url = routeColumn("URL", 300, Route::url);
        url.setCellFactory(c -> new WholeTextCell<>());
        getColumns().add(url);
        TableColumn<RouteRow, RouteRow.Badge> state = new TableColumn<>("State");
        state.setId("col-state");
        state.setPrefWidth(110);
        state.setCellValueFactory(c -> c.getValue().badgeProperty());
        state.setCellFactory(c -> new StateCell());
        state.setComparator(Comparator.comparing(b -> b.state().dbName()));
        getColumns().add(state);
        TableColumn<RouteRow, String> updatedAt = new TableColumn<>("Updated at");
        updatedAt.setId("col-updated-at");
        updatedAt.setPrefWidth(150);
        updatedAt.setCellValueFactory(c -> {
            RouteRow row = c.getValue();
            return row.routeProperty().map(r -> row.updatedAtText());
        });
        getColumns().add(updatedAt);
        getColumns().add(routeColumn("Updated by", 100, Route::updatedBy));

        setItems(model.table().sorted());
        model.table().sorted().comparatorProperty().bind(comparatorProperty());
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<RouteRow>) c ->
                model.setSelection(new ArrayList<>(getSelectionModel().getSelectedItems())));
        model.revealProperty().addListener((obs, old, key) -> {
            if (key == null) {
                return;
            }
            model.table().row(key).ifPresent(row -> {
                int index = getItems().indexOf(row);
                if (index >= 0) {
                    getSelectionModel().clearAndSelect(index);
                    scrollTo(index);
                }
            });
        });
    }

    private static TableColumn<RouteRow, String> keyColumn(String name, double width, Function<RouteRow, String> value) {
        TableColumn<RouteRow, String> column = new TableColumn<>(name);
        column.setId("col-" + name.toLowerCase().replace(' ', '-'));
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())).getReadOnlyProperty());
        return column;
    }

    private static TableColumn<RouteRow, String> routeColumn(String name, double width, Function<Route, String> value) {
        TableColumn<RouteRow, String> column = new TableColumn<>(name);
        column.setId("col-" + name.toLowerCase().replace(' ', '-'));
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> {
            ObservableValue<String> mapped = c.getValue().routeProperty().map(value);
            return mapped;
        });
        return column;
    }
}
