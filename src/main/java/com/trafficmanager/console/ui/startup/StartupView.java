package com.trafficmanager.console.ui.startup;

import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The start-up screen: what each server is doing while the console connects or starts the sandbox. */
public final class StartupView extends VBox {

    public StartupView(StartupModel model) {
        getStyleClass().add(Styles.STARTUP);
        setAlignment(Pos.CENTER);
        Label headline = new Label();
        headline.getStyleClass().add(Styles.TITLE);
        headline.textProperty().bind(model.headlineProperty());

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        grid.setAlignment(Pos.CENTER);
        int row = 0;
        for (ServerRowModel server : model.rows()) {
            ProgressIndicator progress = new ProgressIndicator();
            progress.setPrefSize(18, 18);
            Label mark = new Label();
            StackPane indicator = new StackPane(progress, mark);
            indicator.setMinWidth(22);
            Label name = new Label(server.server());
            name.setMinWidth(90);
            Label state = new Label();
            state.setId("startup-" + server.server().toLowerCase());
            state.textProperty().bind(server.detailProperty());
            server.phaseProperty().addListener((obs, old, phase) -> show(progress, mark, phase));
            show(progress, mark, server.phaseProperty().get());
            grid.addRow(row++, indicator, name, state);
        }

        Label failure = new Label();
        failure.setId("startup-failure");
        failure.setWrapText(true);
        failure.setMaxWidth(640);
        failure.getStyleClass().add(Styles.STATE_BAD);
        failure.textProperty().bind(model.failureProperty());
        Button retry = new Button("Retry");
        retry.setId("startup-retry");
        retry.setOnAction(e -> model.retry());
        Button alternative = new Button();
        alternative.setId("startup-alternative");
        alternative.textProperty().bind(model.alternativeLabelProperty());
        alternative.visibleProperty().bind(model.alternativeLabelProperty().isNotEmpty());
        alternative.managedProperty().bind(alternative.visibleProperty());
        alternative.setOnAction(e -> model.alternative());
        HBox actions = new HBox(10, retry, alternative);
        actions.setAlignment(Pos.CENTER);
        VBox failureBox = new VBox(10, failure, actions);
        failureBox.setAlignment(Pos.CENTER);
        failureBox.visibleProperty().bind(model.failureProperty().isNotEmpty());
        failureBox.managedProperty().bind(failureBox.visibleProperty());

        getChildren().addAll(headline, grid, failureBox);
    }

    /** A spinner while the server is on its way, then a check mark, a cross, or a dash when it was not done. */
    private static void show(ProgressIndicator progress, Label mark, ServerRowModel.Phase phase) {
        boolean busy = phase == ServerRowModel.Phase.WAITING || phase == ServerRowModel.Phase.WORKING;
        progress.setVisible(busy);
        mark.setVisible(!busy);
        mark.getStyleClass().removeAll(Styles.STATE_CLASSES);
        if (phase == ServerRowModel.Phase.READY) {
            mark.setText("\u2714");
            mark.getStyleClass().add(Styles.STATE_OK);
        } else if (phase == ServerRowModel.Phase.FAILED) {
            mark.setText("\u2716");
            mark.getStyleClass().add(Styles.STATE_BAD);
        } else if (phase == ServerRowModel.Phase.ABANDONED) {
            mark.setText("\u2013");
        }
    }
}
