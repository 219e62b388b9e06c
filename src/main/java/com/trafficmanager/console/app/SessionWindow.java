package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ServerHealth;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceLookup;
import com.trafficmanager.console.ui.audit.AuditTab;
import com.trafficmanager.console.ui.invalidation.InvalidationTab;
import com.trafficmanager.console.ui.live.LiveEventsModel;
import com.trafficmanager.console.ui.live.LiveEventsView;
import com.trafficmanager.console.ui.live.LiveSource;
import com.trafficmanager.console.ui.routes.RoutesSettings;
import com.trafficmanager.console.ui.routes.RoutesView;
import com.trafficmanager.console.ui.routes.RoutesViewModel;
import com.trafficmanager.console.ui.shell.ConnectionDetails;
import com.trafficmanager.console.ui.shell.ConnectionDetailsView;
import com.trafficmanager.console.ui.shell.MainView;
import com.trafficmanager.console.ui.shell.StatusBarModel;
import com.trafficmanager.console.ui.trace.TraceView;
import com.trafficmanager.console.ui.trace.TraceViewModel;
import com.trafficmanager.console.ui.trace.TraceWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's content for one started session: the status bar, the four tabs (each built when
 * first shown), the trace of the latest change and the trace window, and the connection details. Wires
 * the session's services to the tabs' view models; holds no feature logic itself. Used on the JavaFX
 * thread; slow lookups go to {@code background}.
 */
final class SessionWindow implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionWindow.class);

    private final SessionStarter.Started started;
    private final ConsoleSession session;
    private final Executor background;
    private static final long PARTITIONS_RETRY_S = 15;
    private volatile boolean closed;
    private final StatusBarModel statusBar;
    private final TraceWindow traceWindow;
    private final MainView view;
    private RoutesViewModel routesModel;
    private TraceViewModel traceModel;
    private AuditTab auditTab;

    SessionWindow(Stage stage, SessionStarter.Started started, Executor background) {
        this.started = started;
        this.session = started.session();
        this.background = background;
        this.statusBar = new StatusBarModel(session.target().profileName(), session.target().readOnly());
        this.traceWindow = new TraceWindow(stage, session.traces(), new TraceLookup(session.database().dataSource(),
                session.traces()), this::traceContext, background);
        Map<String, Supplier<Node>> tabs = new LinkedHashMap<>();
        tabs.put("Routes", this::routesTab);
        tabs.put("Live events", () -> {
            LiveEventsView live = new LiveEventsView(new LiveEventsModel(LiveSource.of(session.liveStream()),
                    PartitionBuffers.DEFAULT_CAPACITY));
            live.setTraceOpener(traceWindow::show);
            live.start(); // the tail starts when the tab is first shown; the session stops it
            return live;
        });
        tabs.put("Invalidation", () -> InvalidationTab.create(session.invalidation()));
        tabs.put("Audit log", () -> {
            auditTab = new AuditTab(session.database().dataSource(), traceWindow::show);
            return auditTab.view();
        });
        this.view = new MainView(tabs, statusBar);
        view.detailsButton().setOnAction(e -> ConnectionDetailsView.dialog(stage, connectionDetails()).show());
    }

    MainView view() {
        return view;
    }

    StatusBarModel statusBar() {
        return statusBar;
    }

    /** The Routes tab on this session; its backlog feeds the status bar. */
    private Node routesTab() {
        var target = session.target();
        routesModel = new RoutesViewModel(session.routes(), session.operator(), new RoutesSettings(target.profileName(),
                target.protectedEnvs(), target.sandbox(), RoutesSettings.DEFAULT_POLL), Platform::runLater);
        routesModel.backlogProperty().addListener((obs, old, backlog) -> statusBar.applyBacklog(backlog));
        RoutesView view = new RoutesView(routesModel);
        traceModel = new TraceViewModel(session.traces(), this::traceContext, Platform::runLater);
        routesModel.lastChangeProperty().addListener((obs, old, eventId) -> traceModel.follow(eventId));
        routesModel.history().setTraceOpener(traceWindow::show);
        view.showTrace(new TraceView(traceModel));
        view.start();
        readPartitionCount(routesModel, target.topic(), true);
        return view;
    }

    /**
     * The topic's partition count for the create form's "-> partition N" line, read in the background;
     * while Kafka does not answer it is asked again every {@value #PARTITIONS_RETRY_S} s, so a console
     * started during a Kafka outage shows the partition once Kafka is back.
     */
    private void readPartitionCount(RoutesViewModel model, String topic, boolean first) {
        background.execute(() -> {
            if (closed) {
                return;
            }
            try {
                int partitions = session.admin().describeTopics(List.of(topic)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(topic).partitions().size();
                Platform.runLater(() -> model.setPartitions(partitions));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (first) {
                    LOG.warn("could not read the partition count of {} ({}); trying again every {} s", topic,
                            e.toString(), PARTITIONS_RETRY_S);
                }
                CompletableFuture.delayedExecutor(PARTITIONS_RETRY_S, TimeUnit.SECONDS).execute(() -> {
                    try {
                        readPartitionCount(model, topic, false);
                    } catch (RejectedExecutionException sessionClosed) {
                        // the session's executor is gone with the session: nothing left to show it in
                    }
                });
            }
        });
    }

    /** What the trace's lateness check needs, from what the status bar and the tab already know. */
    private OverdueHops.Context traceContext() {
        boolean kafka = statusBar.servers().stream().filter(s -> s.server().equals("Kafka"))
                .anyMatch(s -> s.statusProperty().get() == ServerHealth.Status.CONNECTED);
        long backlog = routesModel == null || routesModel.backlogProperty().get() == null ? 0
                : routesModel.backlogProperty().get().pendingCount();
        return new OverdueHops.Context(java.time.Instant.now(), kafka, backlog,
                session.invalidation().consumer().running());
    }

    private ConnectionDetails connectionDetails() {
        List<ConnectionDetails.Entry> entries = new ArrayList<>();
        var target = session.target();
        entries.add(new ConnectionDetails.Entry("Profile", target.profileName()));
        entries.add(new ConnectionDetails.Entry("JDBC URL", target.jdbcUrl()));
        entries.add(new ConnectionDetails.Entry("JDBC user", target.jdbcUser()));
        entries.add(new ConnectionDetails.Entry("Kafka bootstrap", target.kafkaBootstrap()));
        entries.add(new ConnectionDetails.Entry("Redis URI", target.redisUri()));
        entries.add(new ConnectionDetails.Entry("Topic", target.topic()));
        if (started.sandbox() != null) {
            SandboxEndpoints endpoints = started.sandbox().endpoints();
            entries.add(new ConnectionDetails.Entry("psql", endpoints.psqlCommand()));
            entries.add(new ConnectionDetails.Entry("kcat", endpoints.kcatCommand()));
            entries.add(new ConnectionDetails.Entry("redis-cli", endpoints.redisCliCommand()));
            entries.add(new ConnectionDetails.Entry("Endpoints file",
                    started.sandbox().dataDir().resolve(SandboxEndpoints.FILE_NAME).toString()));
        }
        return new ConnectionDetails(entries);
    }

    /** Stops the tabs' own watchers; the session itself is closed by its owner. */
    @Override
    public void close() {
        closed = true;
        if (traceModel != null) {
            traceModel.close();
        }
        if (routesModel != null) {
            routesModel.close();
        }
        if (auditTab != null) {
            auditTab.close();
        }
    }

    /**
     * Off the JavaFX thread, after {@link #close} or when the process ends on a signal: takes no more route
     * changes and waits for those asked for, so the session is not closed under a change that is
     * committing; true when none is left running.
     */
    public boolean awaitRouteChanges(java.time.Duration timeout) throws InterruptedException {
        return routesModel == null || routesModel.awaitChanges(timeout);
    }
}
