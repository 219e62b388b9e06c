package com.trafficmanager.console.ui.startup;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One server's line on the start-up screen. Mutated only on the JavaFX thread, by {@link StartupModel}. */
public final class ServerRowModel {
    /** ABANDONED: the attempt ended (another server or a setting failed) before this server was done. */
    public enum Phase { WAITING, WORKING, READY, FAILED, ABANDONED }

    private final String server;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.WAITING);
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("waiting");

    ServerRowModel(String server) {
        this.server = server;
    }

    public String server() {
        return server;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    void update(Phase phase, String detail) {
        this.phase.set(phase);
        this.detail.set(detail);
    }
}
