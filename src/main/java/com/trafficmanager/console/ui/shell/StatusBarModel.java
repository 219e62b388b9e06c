package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.connect.ServerHealth;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * View model of the status bar: the state of PostgreSQL, Kafka and Redis, the profile name and the
 * read-only badge. {@link #apply} takes one health round at a time and must run on the JavaFX thread.
 */
public final class StatusBarModel {
    private final List<ServerStatusModel> servers =
            List.of(new ServerStatusModel("PostgreSQL"), new ServerStatusModel("Kafka"), new ServerStatusModel("Redis"));
    private final ReadOnlyStringWrapper profile = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper();
    private final BooleanBinding allConnected;

    public StatusBarModel(String profileName, boolean readOnly) {
        this.profile.set("profile: " + profileName);
        this.readOnly.set(readOnly);
        allConnected = Bindings.createBooleanBinding(
                () -> servers.stream().allMatch(s -> s.statusProperty().get() == ServerHealth.Status.CONNECTED),
                servers.stream().map(ServerStatusModel::statusProperty).toArray(javafx.beans.Observable[]::new));
    }

    public List<ServerStatusModel> servers() {
        return servers;
    }

    public ReadOnlyStringProperty profileProperty() {
        return profile.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty readOnlyProperty() {
        return readOnly.getReadOnlyProperty();
    }

    /** True while all three servers are connected; the smoke mode waits for it. */
    public BooleanBinding allConnectedBinding() {
        return allConnected;
    }

    public void apply(List<ServerHealth> round) {
        for (ServerHealth health : round) {
            servers.stream().filter(s -> s.server().equals(health.server())).findFirst()
                    .ifPresent(s -> s.apply(health));
        }
    }

    /** The statuses as one line, for logs and the smoke mode's failure reason. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (ServerStatusModel s : servers) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(s.tooltipProperty().get().replace('\n', ' '));
        }
        return sb.toString();
    }
}
