package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.ui.common.Styles;
import com.trafficmanager.console.ui.common.WholeTextCell;
import com.trafficmanager.console.ui.trace.TraceMenu;
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
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Select one route to see its changes."));
        // widths that show the whole action, time and place: beside the trace the table scrolls sideways
        // rather than cut them short; the long event id comes last
        table.getColumns().add(column("Action", 110, HistoryRow::action));
        TableColumn<HistoryRow, String> change = column("Before -> after", 260, HistoryRow::change);
        change.setCellFactory(c -> new WholeTextCell<>());
        table.getColumns().add(change);
        table.getColumns().add(column("Time", 180, HistoryRow::time));
        table.getColumns().add(column("Actor", 90, HistoryRow::actor));
        table.getColumns().add(column("Published", 190, HistoryRow::published));
        TableColumn<HistoryRow, String> event = column("Event id", 320, HistoryRow::eventId);
        event.getStyleClass().add(Styles.MONO);
        table.getColumns().add(event);
        TraceMenu.install(table, HistoryRow::eventId, model::showTrace);
        setTop(title);
        setCenter(table);
    }

    private static TableColumn<HistoryRow, String> column(String name, double width, Function<HistoryRow, String> value) {
        TableColumn<HistoryRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setMinWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())).getReadOnlyProperty());
        return c;
    }
}
