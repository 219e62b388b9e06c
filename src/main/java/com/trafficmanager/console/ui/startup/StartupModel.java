package com.trafficmanager.console.ui.startup;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * View model of the start-up screen: one row per server with what it is doing now, and the failure
 * that stopped the start (with a Retry). Plain Java with JavaFX properties; all mutators run on the
 * JavaFX thread (the caller hands updates over with one {@code Platform.runLater} per event, and
 * start-up produces only a handful of events).
 */
public final class StartupModel {
    private final List<ServerRowModel> rows;
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper();
    private Runnable retry = () -> { };
    private final ReadOnlyStringWrapper alternativeLabel = new ReadOnlyStringWrapper();
    private Runnable alternative = () -> { };

    public StartupModel(String headline, List<String> servers) {
        this.headline.set(headline);
        this.rows = servers.stream().map(ServerRowModel::new).toList();
    }

    public List<ServerRowModel> rows() {
        return rows;
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** Empty while starting; the reason, naming the server, once the start failed. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public void setRetry(Runnable retry) {
        this.retry = retry;
    }

    /** A second way out of a failure, e.g. "Choose another profile"; hidden while the label is empty. */
    public void setAlternative(String label, Runnable action) {
        alternativeLabel.set(label);
        alternative = action;
    }

    public ReadOnlyStringProperty alternativeLabelProperty() {
        return alternativeLabel.getReadOnlyProperty();
    }

    public void alternative() {
        alternative.run();
    }

    public void retry() {
        failure.set(null);
        rows.forEach(r -> r.update(ServerRowModel.Phase.WAITING, "waiting"));
        retry.run();
    }

    public void progress(String server, ServerRowModel.Phase phase, String detail) {
        row(server).ifPresent(r -> r.update(phase, detail));
    }

    /** The attempt is over: rows still waiting or working stop their spinners and say they were not done. */
    public void failed(String reason) {
        failure.set(reason);
        for (ServerRowModel r : rows) {
            switch (r.phaseProperty().get()) {
                case WAITING -> r.update(ServerRowModel.Phase.ABANDONED, "not tried");
                case WORKING -> r.update(ServerRowModel.Phase.ABANDONED, "given up");
                default -> { }
            }
        }
    }

    private Optional<ServerRowModel> row(String server) {
        return rows.stream().filter(r -> r.server().equals(server)).findFirst();
    }
}
