package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.ui.common.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The tab's controls: where to start reading (for the partition selected in the overview, or all),
 * pause/resume with the count of events that arrived meanwhile, clear, follow-latest, the buffer
 * size per partition and the export.
 */
final class LiveToolbar extends FlowPane {
    final Button export = new Button("Export...");
    final ProgressBar exportProgress = new ProgressBar(0);
    final Button exportCancel = new Button("Cancel");
    final Label exportMessage = new Label();

    LiveToolbar(LiveEventsModel model) {
        super(8, 6);
        getStyleClass().add(Styles.LIVE_TOOLBAR);
        setAlignment(Pos.CENTER_LEFT);

        ChoiceBox<StartPosition.Kind> kind = new ChoiceBox<>();
        kind.setId("live-start-kind");
        kind.getItems().addAll(StartPosition.Kind.values());
        kind.setValue(StartPosition.Kind.LATEST);
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(StartPosition.Kind k) {
                return k == null ? "" : switch (k) {
                    case LATEST -> "Latest";
                    case BEGINNING -> "Beginning";
                    case OFFSET -> "Offset";
                    case TIMESTAMP -> "Time (UTC)";
                };
            }

            @Override
            public StartPosition.Kind fromString(String s) {
                return null;
            }
        });
        TextField value = new TextField();
        value.setId("live-start-value");
        value.setPrefColumnCount(19); // the whole hint: "offset or 2024-01-14T10:30:00Z"
        value.setPromptText("offset or 2024-01-14T10:30:00Z");
        value.disableProperty().bind(Bindings.createBooleanBinding(
                () -> kind.getValue() == StartPosition.Kind.LATEST || kind.getValue() == StartPosition.Kind.BEGINNING,
                kind.valueProperty()));
        Button apply = new Button();
        apply.setId("live-start-apply");
        apply.textProperty().bind(Bindings.createStringBinding(() -> model.selectedPartitionProperty().get() == null
                ? "Read all partitions from here" : "Read partition " + model.selectedPartitionProperty().get()
                + " from here", model.selectedPartitionProperty()));
        apply.setOnAction(e -> model.applyStartPosition(model.selectedPartitionProperty().get(), kind.getValue(),
                value.getText()));
        value.setOnAction(e -> apply.fire());
        Label positionError = new Label();
        positionError.setId("live-start-error");
        positionError.getStyleClass().add(Styles.STATE_BAD);
        positionError.textProperty().bind(model.positionErrorProperty());
        positionError.visibleProperty().bind(model.positionErrorProperty().isNotEmpty());
        positionError.managedProperty().bind(positionError.visibleProperty());

        ToggleButton pause = new ToggleButton();
        pause.setId("live-pause");
        // "at least": a burst too large to filter on this thread while paused is counted in part
        pause.textProperty().bind(Bindings.createStringBinding(() -> model.pausedProperty().get()
                ? "Resume (" + (model.newWhilePausedAtLeastProperty().get() ? "at least " : "")
                        + model.newWhilePausedProperty().get() + " new)" : "Pause",
                model.pausedProperty(), model.newWhilePausedProperty(), model.newWhilePausedAtLeastProperty()));
        pause.setOnAction(e -> {
            if (pause.isSelected()) {
                model.pause();
            } else {
                model.resume();
            }
        });
        Button clear = new Button("Clear");
        clear.setId("live-clear");
        clear.setTooltip(new Tooltip("Empty the buffers; reading goes on from where it is"));
        clear.setOnAction(e -> model.clear());
        CheckBox follow = new CheckBox("Follow latest");
        follow.setId("live-follow");
        follow.selectedProperty().bindBidirectional(model.followLatestProperty());

        ChoiceBox<Integer> cap = new ChoiceBox<>();
        cap.setId("live-capacity");
        cap.getItems().addAll(1_000, 10_000, 20_000, 50_000);
        if (!cap.getItems().contains(model.capacityProperty().get())) {
            cap.getItems().add(model.capacityProperty().get());
        }
        cap.setValue(model.capacityProperty().get());
        cap.setTooltip(new Tooltip("Events kept per partition (the oldest go first)"));
        cap.valueProperty().addListener((obs, old, n) -> {
            if (n != null && n != model.capacityProperty().get()) {
                model.setCapacity(n);
            }
        });

        export.setId("live-export");
        export.setTooltip(new Tooltip("Write the events shown (filtered) to a JSON Lines file"));
        exportProgress.setVisible(false);
        exportCancel.setId("live-export-cancel");
        exportCancel.setVisible(false);
        exportCancel.managedProperty().bind(exportCancel.visibleProperty());
        exportProgress.setPrefWidth(100);
        exportMessage.getStyleClass().add(Styles.MUTED);

        // each label stays with its control when the bar wraps onto a second line
        getChildren().addAll(together(new Label("Start at"), kind, value, apply), positionError,
                pause, clear, follow, together(new Label("Keep per partition"), cap), export, exportProgress,
                exportCancel, exportMessage);
    }

    private static HBox together(Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }
}
