package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EventDetails;
import com.trafficmanager.console.ui.common.Styles;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The details of the selected event: where it is, the key check (a mismatch with the default
 * partitioner is flagged), why it is malformed, its headers and its value pretty-printed.
 */
final class EventDetailsView extends VBox {
    private final Label where = new Label("Select an event to see its details.");
    private final Label keyCheck = new Label();
    private final TextArea text = new TextArea();

    EventDetailsView(LiveEventsModel model) {
        super(4);
        setId("live-details");
        getStyleClass().add(Styles.LIVE_DETAILS);
        keyCheck.setId("live-key-check");
        keyCheck.setWrapText(true);
        text.setId("live-details-text");
        text.setEditable(false);
        text.getStyleClass().add(Styles.MONO);
        VBox.setVgrow(text, Priority.ALWAYS);
        getChildren().addAll(where, keyCheck, text);
        model.detailsProperty().addListener((obs, old, d) -> show(d));
    }

    private void show(EventDetails d) {
        keyCheck.getStyleClass().removeAll(Styles.STATE_CLASSES);
        if (d == null) {
            where.setText("Select an event to see its details.");
            keyCheck.setText("");
            text.setText("");
            return;
        }
        where.setText("Partition " + d.partition() + ", offset " + d.offset() + ", "
                + EventColumns.TIME.format(d.timestamp()) + " UTC");
        keyCheck.setText(d.keyCheck());
        keyCheck.getStyleClass().add(d.keyMismatch() ? Styles.STATE_BAD : Styles.STATE_OK);
        StringBuilder sb = new StringBuilder();
        sb.append("Key: ").append(d.key() == null ? "(none)" : d.key()).append('\n');
        if (d.problem() != null) {
            sb.append("MALFORMED: ").append(d.problem()).append('\n');
        }
        sb.append("\nHeaders:\n");
        if (d.headers().isEmpty()) {
            sb.append("  (none)\n");
        }
        d.headers().forEach(h -> sb.append("  ").append(h).append('\n'));
        sb.append("\nValue:\n").append(d.value());
        text.setText(sb.toString());
    }
}
