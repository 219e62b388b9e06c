package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The cache inspector: route fields, look up / resolve / verify, a pattern scan, and the results. */
final class CacheInspectorView extends VBox {

    CacheInspectorView(CacheInspectorModel m) {
        super(10);
        setPadding(new Insets(10));
        HBox route = new HBox(6, field("tenant", "inspect-tenant", m.tenantProperty()),
                field("service", "inspect-service", m.serviceProperty()), field("env", "inspect-env", m.envProperty()),
                field("version", "inspect-version", m.versionProperty()),
                busyAware(InvalidationView.button("Look up key", "inspect-lookup", m::lookUp, null,
                        "value, TTL and revision marker of route:tenant:service:env:version"), m),
                busyAware(InvalidationView.button("Resolve", "inspect-resolve", m::resolve, null,
                        "read through the cache as the Traffic Manager does: hit, or miss then database and fill"), m));
        route.setAlignment(Pos.CENTER_LEFT);
        TextField pattern = new TextField();
        pattern.setId("inspect-pattern");
        pattern.textProperty().bindBidirectional(m.patternProperty());
        pattern.setPrefColumnCount(30);
        HBox scan = new HBox(6, new Label("pattern"), pattern,
                busyAware(InvalidationView.button("List keys", "inspect-scan", m::scan, null,
                        "SCAN (never KEYS), at most " + CacheInspectorModel.SCAN_LIMIT + " keys"), m),
                busyAware(InvalidationView.button("Verify cache against database", "inspect-verify", m::verify, null,
                        "compare every cached route with PostgreSQL: stale and orphaned keys"), m));
        scan.setAlignment(Pos.CENTER_LEFT);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        Label activity = new Label();
        activity.setId("inspect-activity");
        activity.getStyleClass().add(Styles.MUTED);
        activity.textProperty().bind(m.activityProperty());
        HBox working = new HBox(6, spinner, activity);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(m.busyProperty());
        working.managedProperty().bind(working.visibleProperty());
        Label message = new Label();
        message.setId("inspect-message");
        message.getStyleClass().add(Styles.STATE_BAD);
        message.textProperty().bind(m.messageProperty());
        message.visibleProperty().bind(m.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        TextArea result = new TextArea();
        result.setId("inspect-result");
        result.setEditable(false);
        result.getStyleClass().add(Styles.MONO);
        result.textProperty().bind(m.resultProperty());
        result.setPrefRowCount(10);
        result.setPromptText("Look up or resolve a route, list keys or verify the cache: the answer shows here.");
        ListView<String> keys = new ListView<>(m.keys());
        keys.setId("inspect-keys");
        keys.getStyleClass().add(Styles.MONO);
        Label noKeys = new Label("List keys shows the keys matching the pattern here. Pick one to look it up.");
        noKeys.setWrapText(true);
        noKeys.setMaxWidth(300);
        noKeys.getStyleClass().add(Styles.MUTED);
        keys.setPlaceholder(noKeys);
        keys.disableProperty().bind(m.listingProperty()); // its keys are about to be replaced
        keys.getSelectionModel().selectedItemProperty().addListener((o, was, picked) -> {
            if (picked != null) {
                m.lookUpKey(picked);
            }
        });
        HBox results = new HBox(8, result, keys);
        HBox.setHgrow(result, Priority.ALWAYS);
        keys.setPrefWidth(380);
        VBox.setVgrow(results, Priority.ALWAYS);
        getChildren().addAll(route, scan, working, message, results);
    }

    private static VBox field(String name, String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(name);
        f.setPrefColumnCount(10);
        f.textProperty().bindBidirectional(value);
        return new VBox(2, new Label(name), f);
    }

    private static javafx.scene.control.Button busyAware(javafx.scene.control.Button b, CacheInspectorModel m) {
        b.disableProperty().bind(m.busyProperty());
        return b;
    }
}
