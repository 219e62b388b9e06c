package com.trafficmanager.console.ui.trace;

import com.trafficmanager.console.ui.common.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The timeline of one change: hop, time, latency from the previous hop, what happened; late hops flagged. */
public final class TraceView extends BorderPane {
    private final Timeline ticker;

    public TraceView(TraceViewModel model) {
        Label title = new Label();
        title.setId("trace-title");
        title.getStyleClass().add(Styles.PANE_TITLE);
        title.textProperty().bind(model.titleProperty());
        title.setWrapText(true);
        Label warning = new Label();
        warning.setId("trace-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add(Styles.STATE_WARN);
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());

        TableView<TraceRow> table = new TableView<>(model.rows());
        table.setId("trace-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Hop", 190, TraceRow::hop));
        table.getColumns().add(column("Time", 95, TraceRow::time));
        table.getColumns().add(column("After", 70, TraceRow::latency));
        table.getColumns().add(column("What happened", 260, TraceRow::detail));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TraceRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll(Styles.TRACE_WAITING, Styles.TRACE_UNSEEN);
                if (!empty && row != null && row.state() != TraceRow.State.DONE) {
                    getStyleClass().add(row.state() == TraceRow.State.WAITING ? Styles.TRACE_WAITING : Styles.TRACE_UNSEEN);
                }
            }
        });
        table.setPlaceholder(new Label("Make a change: its way through PostgreSQL, Kafka, the consumer and the cache shows here."));

        setTop(new VBox(4, title, warning));
        setCenter(table);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene == null) {
                ticker.stop();
            } else {
                ticker.play();
            }
        });
    }

    private static TableColumn<TraceRow, String> column(String name, double width,
                                                        java.util.function.Function<TraceRow, String> value) {
        TableColumn<TraceRow, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }
}
