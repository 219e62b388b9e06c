package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javax.sql.DataSource;

/**
 * Builds the "Audit log" tab of a session: its view model with a background thread for searches and one
 * for exports (a long export does not hold searches back; neither runs on the JavaFX thread), results
 * back through {@link Platform#runLater}, and the first search started at once.
 */
public final class AuditTab {
    private AuditTab() {
    }

    public static AuditView create(DataSource dataSource) {
        return create(dataSource, id -> { });
    }

    /** @param showTrace what "Show trace" on an entry opens (the console's trace window) */
    public static AuditView create(DataSource dataSource, java.util.function.Consumer<java.util.UUID> showTrace) {
        AuditViewModel model = new AuditViewModel(new AuditLog(dataSource),
                Executors.newSingleThreadExecutor(DaemonThreads.named("audit-log")),
                Executors.newSingleThreadExecutor(DaemonThreads.named("audit-export")), Platform::runLater,
                Clock.systemUTC(), ZoneId.systemDefault());
        model.refresh();
        return new AuditView(model, showTrace);
    }

}
