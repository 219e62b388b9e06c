package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.ui.trace.TraceMenu;
import com.trafficmanager.console.ui.common.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

/** The history of the selected route: a title line and a table of its changes, newest first. */
final class HistoryPane extends BorderPane {

    HistoryPane(RouteHistoryModel model) {
        Label title = new Label();
        title.setId("routes-history-title");
        title.getStyleClass().add(Styles.PANE_TITLE);
        title.textProperty().bind(model.titleProperty());
        TableView<HistoryRow> table = new TableView<>(model.rows());
        table.setId("routes-history");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Select one route to see its changes."));
        table.getColumns().add(column("Action", 90, HistoryRow::action));
        table.getColumns().add(column("Before -> after", 360, HistoryRow::change));
        table.getColumns().add(column("Actor", 90, HistoryRow::actor));
        table.getColumns().add(column("Time", 140, HistoryRow::time));
        TableColumn<HistoryRow, String> event = column("Event id", 270, HistoryRow::eventId);
        event.getStyleClass().add(Styles.MONO);
        table.getColumns().add(event);
        table.getColumns().add(column("Published", 150, HistoryRow::published));
        TraceMenu.install(table, HistoryRow::eventId, model::showTrace);
        setTop(title);
        setCenter(table);
    }

    private static TableColumn<HistoryRow, String> column(String name, double width, Function<HistoryRow, String> value) {
        TableColumn<HistoryRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())).getReadOnlyProperty());
        return c;
    }
}
