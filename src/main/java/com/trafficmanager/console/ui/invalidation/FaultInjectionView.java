package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Sandbox-only faults for training and demos; shown only when the session runs on the sandbox. */
final class FaultInjectionView extends VBox {

    FaultInjectionView(InvalidationViewModel m) {
        super(12);
        setPadding(new Insets(10));
        Label intro = new Label("Faults for training and demos. They act on the embedded sandbox only.");
        intro.getStyleClass().add(Styles.MUTED);
        Button crash = InvalidationView.button("Crash after processing, before commit", "fault-crash",
                m::crashAfterProcessing, m.canInjectCrashProperty(),
                "while the consumer runs: the next batch is processed, then the consumer dies without committing it");
        Label crashHelp = new Label("On Start the uncommitted batch is delivered again: the duplicates counter rises by "
                + "exactly that many, and the cache stays right.");
        crashHelp.setWrapText(true);
        crashHelp.getStyleClass().add(Styles.MUTED);
        TextField seconds = new TextField();
        seconds.setId("fault-outage-seconds");
        seconds.setPrefColumnCount(4);
        seconds.textProperty().bindBidirectional(m.outageSecondsProperty());
        Button outage = InvalidationView.button("Redis outage", "fault-outage", m::redisOutage, null,
                "stop the sandbox's Redis, start it again after that many seconds");
        outage.disableProperty().bind(m.outageRunningProperty());
        HBox outageRow = new HBox(6, outage, new Label("for"), seconds, new Label("seconds"));
        outageRow.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("fault-message");
        message.setWrapText(true);
        message.textProperty().bind(m.faultMessageProperty());
        getChildren().addAll(intro, crash, crashHelp, outageRow, message);
    }
}
