package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.stream.TailEvent;
import com.trafficmanager.console.text.FailureText;
import com.trafficmanager.console.ui.common.Styles;
import java.io.File;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Live events tab: controls on top, the partition overview on the left, the live table with its
 * filter bar and the details of the selected event in the middle, the tail's status at the bottom.
 *
 * <p>An AnimationTimer calls the model's {@code pulse} once per frame: that is the only way events
 * reach the table. {@link #start()} starts the tail and the timer (the tab calls it when first shown),
 * {@link #stop()} stops the timer.
 */
public final class LiveEventsView extends BorderPane {
    static final double ROW_HEIGHT = 26;
    private final LiveEventsModel model;
    private final TableView<TailEvent> table = new TableView<>();
    private final LiveToolbar toolbar;
    private final AnimationTimer timer;
    private boolean started;
    private boolean rowsChanged;

    /** "Show trace" on an event opens its change trace (set by the console; nothing until then). */
    public void setTraceOpener(java.util.function.Consumer<java.util.UUID> showTrace) {
        com.trafficmanager.console.ui.trace.TraceMenu.install(table,
                e -> e.malformed() ? "" : e.event().eventId().toString(), showTrace);
    }

    public LiveEventsView(LiveEventsModel model) {
        this.model = model;
        setId("live-events");
        toolbar = new LiveToolbar(model);
        PartitionOverviewView overview = new PartitionOverviewView(model);
        overview.setPrefWidth(580); // every header readable: End, Events/s, ... Lag

        table.setId("live-events-table");
        table.setItems(model.rows());
        // Hazard: without a fixed cell size the VirtualFlow measures rows to estimate the table's
        // height, and a table whose items change every pulse then spends seconds per frame laying out.
        table.setFixedCellSize(ROW_HEIGHT);
        table.setPlaceholder(new Label("No events yet: they appear here as they arrive."));
        EventColumns.install(table);
        if (table.getId() == null) {
            table.setId("live-events");
        }
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, e) -> model.showDetails(e));
        model.rows().addListener((ListChangeListener<TailEvent>) c -> rowsChanged = true);
        VBox tableBox = new VBox(4, new LiveFilterBar(model.filter(), model.filteringProperty()), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane center = new SplitPane(tableBox, new EventDetailsView(model));
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.68);
        SplitPane body = new SplitPane(overview, center);
        body.setDividerPositions(0.47);

        Label status = new Label();
        status.setId("live-status");
        status.textProperty().bind(model.statusProperty());
        javafx.scene.control.Tooltip whole = new javafx.scene.control.Tooltip();
        whole.textProperty().bind(model.statusProperty()); // a long status (a partition that went back) shows whole
        status.setTooltip(whole);
        model.statusProblemProperty().addListener((obs, old, bad) -> {
            status.getStyleClass().removeAll(Styles.STATE_CLASSES);
            status.getStyleClass().add(bad ? Styles.STATE_BAD : Styles.STATE_OK);
        });
        status.getStyleClass().addAll(Styles.SERVER_STATE, Styles.STATE_IDLE);
        Label malformed = new Label();
        malformed.setId("live-malformed-total");
        malformed.textProperty().bind(model.malformedTotalProperty().asString("malformed: %d"));
        VBox bottom = new VBox(new javafx.scene.layout.HBox(12, status, malformed));
        bottom.getStyleClass().add(Styles.LIVE_TOOLBAR);

        setTop(toolbar);
        setCenter(body);
        setBottom(bottom);
        toolbar.export.setOnAction(e -> export());
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.pulse(now);
                if (rowsChanged && model.followLatestProperty().get() && !model.rows().isEmpty()) {
                    table.scrollTo(model.rows().size() - 1); // once per pulse, not per change
                }
                rowsChanged = false;
            }
        };
    }

    /** Starts the tail and the per-pulse drain; later calls do nothing. */
    public void start() {
        if (started) {
            return;
        }
        started = true;
        model.start();
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    public LiveEventsModel model() {
        return model;
    }

    private void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the shown events");
        chooser.setInitialFileName("route-events.jsonl");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON Lines", "*.jsonl"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            exportTo(file.toPath());
        }
    }

    /** Exports what the table shows now to {@code target} in the background, with progress. */
    public Task<Long> exportTo(Path target) {
        Task<Long> task = LiveExport.task(model.exportRows(), target);
        toolbar.exportProgress.progressProperty().bind(task.progressProperty());
        toolbar.exportProgress.visibleProperty().bind(task.runningProperty());
        toolbar.exportMessage.textProperty().bind(task.messageProperty());
        toolbar.export.disableProperty().bind(task.runningProperty());
        toolbar.exportCancel.visibleProperty().bind(task.runningProperty());
        toolbar.exportCancel.setOnAction(e -> task.cancel());
        task.setOnFailed(e -> {
            toolbar.exportMessage.textProperty().unbind();
            toolbar.exportMessage.setText("export failed: " + FailureText.of(task.getException()));
        });
        task.setOnCancelled(e -> {
            toolbar.exportMessage.textProperty().unbind();
            toolbar.exportMessage.setText("export cancelled; nothing written");
        });
        DaemonThreads.start("live-export", task);
        return task;
    }
}
