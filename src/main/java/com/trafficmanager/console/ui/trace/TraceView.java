package com.trafficmanager.console.ui.trace;

import com.trafficmanager.console.ui.common.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The timeline of one change, one compact line per hop: hop, time, latency from the previous hop, what
 * happened. Hops still to come are muted, hops this console did not witness are in italics; a late hop
 * is flagged above the timeline with its likely reason.
 */
public final class TraceView extends BorderPane {
    private final GridPane grid = new GridPane();
    private final Timeline ticker;
    private final ObservableValue<Boolean> showing;

    public TraceView(TraceViewModel model) {
        getStyleClass().add(Styles.TRACE_PANE);
        Label title = new Label();
        title.setId("trace-title");
        title.getStyleClass().add(Styles.PANE_TITLE);
        title.textProperty().bind(model.titleProperty());
        title.setWrapText(true);
        Label warning = new Label();
        warning.setId("trace-warning");
        warning.setWrapText(true);
        warning.getStyleClass().addAll(Styles.SERVER_STATE, Styles.STATE_WARN);
        warning.textProperty().bind(model.warningProperty());
        warning.visibleProperty().bind(model.warningProperty().isNotEmpty());
        warning.managedProperty().bind(warning.visibleProperty());

        grid.setId("trace-grid");
        grid.setHgap(10);
        grid.setVgap(3);
        grid.setPadding(new Insets(4, 8, 4, 8));
        ColumnConstraints detail = new ColumnConstraints();
        detail.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), new ColumnConstraints(), detail);
        model.rows().addListener((ListChangeListener<TraceRow>) c -> render(model));
        render(model);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);

        setTop(new VBox(4, title, warning));
        setCenter(scroll);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        // ticks while its window shows: a Show trace window that was closed keeps its scene, so the scene
        // alone would leave a timer ticking (and reading the trace book) for the rest of the session
        showing = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        showing.addListener((obs, was, now) -> tickWhile(now));
        tickWhile(showing.getValue());
    }

    private void tickWhile(boolean shown) {
        if (shown) {
            ticker.play();
        } else {
            ticker.stop();
        }
    }

    /** Whether the lateness check ticks (while the view's window shows). */
    boolean ticking() {
        return ticker.getStatus() == javafx.animation.Animation.Status.RUNNING;
    }

    private void render(TraceViewModel model) {
        grid.getChildren().clear();
        if (model.rows().isEmpty()) {
            Label hint = new Label("Make a change: its way through PostgreSQL, Kafka, the consumer and the cache shows here.");
            hint.setWrapText(true);
            hint.getStyleClass().add(Styles.MUTED);
            grid.add(hint, 0, 0, 4, 1);
            return;
        }
        int line = 0;
        for (TraceRow row : model.rows()) {
            Label mark = new Label(switch (row.state()) {
                case DONE -> "\u2714 " + row.hop();
                case NOT_WITNESSED -> "\u2713 " + row.hop();
                case WAITING -> "\u2026 " + row.hop();
            });
            Label time = new Label(row.time());
            time.getStyleClass().add(Styles.MONO);
            Label latency = new Label(row.latency());
            latency.getStyleClass().add(Styles.MONO);
            Label detail = new Label(row.detail());
            detail.setTooltip(new Tooltip(row.detail()));
            detail.setWrapText(true); // beside the history the pane is narrow: a long detail takes a second line
            String style = switch (row.state()) {
                case DONE -> null;
                case NOT_WITNESSED -> Styles.TRACE_UNSEEN;
                case WAITING -> Styles.TRACE_WAITING;
            };
            if (style != null) {
                for (Label l : new Label[] {mark, time, latency, detail}) {
                    l.getStyleClass().add(style);
                }
            }
            for (Label l : new Label[] {mark, time, latency}) {
                l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the detail column gives way, not these
            }
            grid.addRow(line++, mark, time, latency, detail);
        }
    }
}
