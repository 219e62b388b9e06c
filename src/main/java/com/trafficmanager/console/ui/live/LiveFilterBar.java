package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.ui.common.Styles;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;

/**
 * The filter fields, bound to the {@link LiveFilterModel}; the error of a bad regular expression
 * shows right beside them, and so does a re-filter of the whole buffer that takes a while.
 */
final class LiveFilterBar extends FlowPane {

    LiveFilterBar(LiveFilterModel filter, ReadOnlyBooleanProperty filtering) {
        super(6, 4);
        getStyleClass().add(Styles.LIVE_TOOLBAR);
        setAlignment(Pos.CENTER_LEFT);
        ChoiceBox<String> action = new ChoiceBox<>();
        action.setId("live-filter-action");
        action.getItems().add("");
        for (Action a : Action.values()) {
            action.getItems().add(a.wireName());
        }
        action.setValue("");
        action.valueProperty().addListener((obs, old, v) -> filter.actionProperty().set(v == null ? "" : v));
        filter.actionProperty().addListener((obs, old, v) -> action.setValue(v));
        CheckBox malformed = new CheckBox("Malformed only");
        malformed.setId("live-filter-malformed");
        malformed.selectedProperty().bindBidirectional(filter.malformedOnlyProperty());
        Label error = new Label();
        error.setId("live-filter-error");
        error.getStyleClass().add(Styles.STATE_BAD);
        error.textProperty().bind(filter.errorProperty());
        error.visibleProperty().bind(filter.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        Label busy = new Label("filtering the buffered events...");
        busy.setId("live-filtering");
        busy.getStyleClass().add(Styles.MUTED);
        busy.visibleProperty().bind(filtering);
        busy.managedProperty().bind(busy.visibleProperty());
        Button reset = new Button("Reset");
        reset.setOnAction(e -> filter.reset());
        getChildren().addAll(new Label("Filter: action"), action,
                field("live-filter-tenant", "tenant", 8, filter.tenantProperty()),
                field("live-filter-service", "service", 8, filter.serviceProperty()),
                field("live-filter-env", "env", 5, filter.envProperty()),
                field("live-filter-event-id", "event id", 10, filter.eventIdProperty()),
                field("live-filter-text", "text", 10, filter.textProperty()),
                field("live-filter-regex", "regex over the raw value", 14, filter.regexProperty()),
                malformed, reset, error, busy);
    }

    private static TextField field(String id, String prompt, int columns, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(p);
        return f;
    }
}
