package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.connect.ServerHealth;
import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom bar: a colored badge per server (last error on hover), the profile, the read-only badge. */
public final class StatusBarView extends HBox {

    public StatusBarView(StatusBarModel model) {
        getStyleClass().add(Styles.STATUS_BAR);
        setAlignment(Pos.CENTER_LEFT);
        for (ServerStatusModel server : model.servers()) {
            Label badge = new Label();
            badge.setId("status-" + server.server().toLowerCase());
            badge.getStyleClass().add(Styles.SERVER_STATE);
            badge.textProperty().bind(server.textProperty());
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(server.tooltipProperty());
            badge.setTooltip(tip);
            server.statusProperty().addListener((obs, old, status) -> style(badge, status));
            style(badge, server.statusProperty().get());
            getChildren().add(badge);
        }
        Label backlog = new Label();
        backlog.setId("status-backlog");
        backlog.getStyleClass().add(Styles.SERVER_STATE);
        backlog.textProperty().bind(model.backlogTextProperty());
        backlog.visibleProperty().bind(model.backlogTextProperty().isNotEmpty());
        backlog.managedProperty().bind(backlog.visibleProperty());
        Tooltip backlogTip = new Tooltip();
        backlogTip.textProperty().bind(model.backlogTooltipProperty());
        backlog.setTooltip(backlogTip);
        model.backlogStatusProperty().addListener((obs, old, status) -> style(backlog, status));
        style(backlog, model.backlogStatusProperty().get());
        getChildren().add(backlog);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label readOnly = new Label("READ-ONLY");
        readOnly.setId("status-read-only");
        readOnly.getStyleClass().addAll(Styles.BADGE, Styles.BADGE_READ_ONLY);
        readOnly.setTooltip(new Tooltip("This profile is read-only: the console changes nothing"));
        readOnly.visibleProperty().bind(model.readOnlyProperty());
        readOnly.managedProperty().bind(readOnly.visibleProperty());
        Label profile = new Label();
        profile.setId("status-profile");
        profile.getStyleClass().add(Styles.MUTED);
        profile.textProperty().bind(model.profileProperty());
        getChildren().addAll(spacer, readOnly, profile);
    }

    private static void style(Label badge, ServerHealth.Status status) {
        badge.getStyleClass().removeAll(Styles.STATE_CLASSES);
        badge.getStyleClass().add(switch (status) {
            case CONNECTED -> Styles.STATE_OK;
            case RECONNECTING -> Styles.STATE_WARN;
            case DOWN -> Styles.STATE_BAD;
            case CONNECTING -> Styles.STATE_IDLE;
        });
    }
}
