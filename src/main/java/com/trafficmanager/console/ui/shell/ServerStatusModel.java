package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.connect.ServerHealth;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One server's badge in the status bar: its status, the text shown and the last error on hover. */
public final class ServerStatusModel {
    private final String server;
    private final ReadOnlyObjectWrapper<ServerHealth.Status> status =
            new ReadOnlyObjectWrapper<>(ServerHealth.Status.CONNECTING);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper tooltip = new ReadOnlyStringWrapper();

    ServerStatusModel(String server) {
        this.server = server;
        text.set(server + ": connecting");
        tooltip.set(server + ": first check pending");
    }

    public String server() {
        return server;
    }

    public ReadOnlyObjectProperty<ServerHealth.Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tooltipProperty() {
        return tooltip.getReadOnlyProperty();
    }

    void apply(ServerHealth health) {
        status.set(health.status());
        text.set(server + ": " + health.status().name().toLowerCase());
        tooltip.set(server + " " + health.status().name().toLowerCase() + " since " + health.since()
                + health.lastError().map(e -> "\nlast error: " + e).orElse(""));
    }
}
