package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.ui.common.WholeTextCell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    private final RoutesViewModel model;

    RouteTableView(RoutesViewModel model) {
        this.model = model;
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
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<RouteRow>) c -> {
            if (!replacing) {
                model.setSelection(new ArrayList<>(getSelectionModel().getSelectedItems()));
            }
        });
        model.table().onReplace(this::rememberSelection, this::restoreSelection);
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

    private boolean replacing;
    private java.util.Set<RouteRow> kept = java.util.Set.of();

    /** Before the rows are replaced as a whole: the table would keep one selected row of them. */
    private void rememberSelection() {
        replacing = true;
        kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(getSelectionModel().getSelectedItems());
    }

    /** ... after: the rows selected before that are still shown are selected again, in one pass. */
    private void restoreSelection() {
        List<Integer> indices = new ArrayList<>();
        if (!kept.isEmpty()) {
            for (int i = 0; i < getItems().size(); i++) {
                if (kept.contains(getItems().get(i))) {
                    indices.add(i);
                }
            }
        }
        getSelectionModel().clearSelection();
        if (!indices.isEmpty()) {
            int[] rest = indices.subList(1, indices.size()).stream().mapToInt(Integer::intValue).toArray();
            getSelectionModel().selectIndices(indices.get(0), rest);
        }
        kept = java.util.Set.of();
        replacing = false;
        List<RouteRow> now = new ArrayList<>(getSelectionModel().getSelectedItems());
        if (!now.equals(model.selection())) { // the same selection reads nothing again (no history query per key)
            model.setSelection(now);
        }
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
