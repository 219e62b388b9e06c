package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javax.sql.DataSource;

/**
 * The "Audit log" tab of a session: its view model with a background thread for searches and one for
 * exports (a long export does not hold searches back; neither runs on the JavaFX thread), results back
 * through {@link Platform#runLater}, and the first search started at once. {@link #close} (the session
 * window closing) cancels an export under way and ends both threads, so none reads a closing pool.
 */
public final class AuditTab implements AutoCloseable {
    private final AuditViewModel model;
    private final AuditView view;
    private final ExecutorService searches = Executors.newSingleThreadExecutor(DaemonThreads.named("audit-log"));
    private final ExecutorService exports = Executors.newSingleThreadExecutor(DaemonThreads.named("audit-export"));

    /** @param showTrace what "Show trace" on an entry opens (the console's trace window) */
    public AuditTab(DataSource dataSource, Consumer<UUID> showTrace) {
        model = new AuditViewModel(new AuditLog(dataSource), searches, exports, Platform::runLater, Clock.systemUTC(),
                ZoneId.systemDefault());
        view = new AuditView(model, showTrace);
        model.refresh();
    }

    public AuditView view() {
        return view;
    }

    @Override
    public void close() {
        model.cancelExport();
        searches.shutdownNow();
        exports.shutdownNow();
    }
}
