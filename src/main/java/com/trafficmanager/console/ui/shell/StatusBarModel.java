package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.connect.ServerHealth;
import com.trafficmanager.console.outbox.Backlog;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private final ReadOnlyStringWrapper backlogText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper backlogTooltip = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ServerHealth.Status> backlogStatus =
            new ReadOnlyObjectWrapper<>(ServerHealth.Status.CONNECTING);

    /** Pending events older than this turn the outbox badge amber. */
    public static final java.time.Duration BACKLOG_WARN_AGE = java.time.Duration.ofSeconds(5);

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

    /** "outbox: 12 pending, oldest 34 s"; empty until the first backlog arrives. */
    public ReadOnlyStringProperty backlogTextProperty() {
        return backlogText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backlogTooltipProperty() {
        return backlogTooltip.getReadOnlyProperty();
    }

    /** CONNECTED (green) when nothing waits long, RECONNECTING (amber) when events wait longer than
     *  {@link #BACKLOG_WARN_AGE}, DOWN (red) when sends fail or the backlog cannot be read. */
    public ReadOnlyObjectProperty<ServerHealth.Status> backlogStatusProperty() {
        return backlogStatus.getReadOnlyProperty();
    }

    /** Shows the outbox backlog; JavaFX thread. A negative pending count means it could not be read. */
    public void applyBacklog(Backlog b) {
        if (b == null) {
            return;
        }
        if (b.pendingCount() < 0) {
            backlogText.set("outbox: unknown");
            backlogStatus.set(ServerHealth.Status.DOWN);
            backlogTooltip.set("The outbox backlog could not be read: " + b.lastError());
            return;
        }
        long age = b.oldestPendingAge().toSeconds();
        backlogText.set("outbox: " + b.pendingCount() + " pending" + (b.empty() ? "" : ", oldest " + age + " s"));
        boolean failing = b.lastError() != null && !b.empty();
        backlogStatus.set(failing ? ServerHealth.Status.DOWN
                : !b.empty() && b.oldestPendingAge().compareTo(BACKLOG_WARN_AGE) > 0 ? ServerHealth.Status.RECONNECTING
                : ServerHealth.Status.CONNECTED);
        backlogTooltip.set(b.empty() ? "Every committed route change is published to Kafka"
                : b.pendingCount() + " committed change(s) wait to be published to Kafka; the oldest for " + age + " s"
                        + (failing ? "\nlast send error: " + b.lastError() : "")
                        + "\nNothing is lost: they go out once Kafka takes them.");
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
