package com.trafficmanager.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.trafficmanager.console.bench.FirstFrameProbe;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.ui.picker.ConnectionPickerModel;
import com.trafficmanager.console.ui.picker.ConnectionPickerView;
import com.trafficmanager.console.ui.profiles.ProfileEditorDialog;
import com.trafficmanager.console.ui.picker.ProfileChoice;
import com.trafficmanager.console.sandbox.ServerState;
import com.trafficmanager.console.ui.audit.AuditTab;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.ui.common.ErrorDialogs;
import com.trafficmanager.console.ui.live.LiveEventsModel;
import com.trafficmanager.console.ui.live.LiveEventsView;
import com.trafficmanager.console.ui.live.LiveSource;
import com.trafficmanager.console.ui.common.Styles;
import com.trafficmanager.console.ui.invalidation.InvalidationTab;
import com.trafficmanager.console.ui.shell.ConnectionDetails;
import com.trafficmanager.console.ui.shell.ConnectionDetailsView;
import com.trafficmanager.console.ui.routes.RoutesSettings;
import com.trafficmanager.console.ui.routes.RoutesView;
import com.trafficmanager.console.ui.trace.TraceView;
import com.trafficmanager.console.ui.trace.TraceWindow;
import com.trafficmanager.console.trace.TraceLookup;
import com.trafficmanager.console.ui.trace.TraceViewModel;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.connect.ServerHealth;
import com.trafficmanager.console.ui.routes.RoutesViewModel;
import com.trafficmanager.console.ui.shell.MainView;
import com.trafficmanager.console.ui.shell.StatusBarModel;
import com.trafficmanager.console.ui.startup.ServerRowModel;
import com.trafficmanager.console.ui.startup.StartupModel;
import com.trafficmanager.console.ui.startup.StartupView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: shows the start-up screen at once, brings the session up in the background,
 * then swaps in the main view. The composition root of the window: it wires services to view models
 * and view models to views; it holds no feature logic itself.
 */
public final class ConsoleApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);
    static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(120);
    static final List<String> SERVERS = List.of("PostgreSQL", "Kafka", "Redis");

    private static volatile LaunchContext launchContext;
    private static volatile int exitCode;

    private final LaunchContext context;
    private final Runnable leaveToolkit;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile SessionStarter.Started started;
    private Stage stage;
    private UiPreferences preferences;
    private RoutesViewModel routesModel;
    private TraceViewModel traceModel;
    private TraceWindow traceWindow;

    /** Runs the window until it closes and returns the process exit code (the smoke mode's verdict). */
    public static int launchConsole(LaunchContext context) {
        launchContext = context;
        exitCode = 0;
        Application.launch(ConsoleApplication.class);
        return exitCode;
    }

    /** Used by {@link Application#launch}: the context comes from {@link #launchConsole}. */
    public ConsoleApplication() {
        this(launchContext, Platform::exit);
    }

    /**
     * @param leaveToolkit what to do once the session is stopped after the window closed; tests that
     *                     share one JavaFX toolkit pass a no-op instead of {@link Platform#exit}
     */
    ConsoleApplication(LaunchContext context, Runnable leaveToolkit) {
        this.context = context;
        this.leaveToolkit = leaveToolkit;
    }

    static int exitCode() {
        return exitCode;
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> onUncaught(error));
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeSession, "console-stop"));
        preferences = UiPreferences.load(context.dirs().state());
        applyTheme(preferences.dark());

        Scene scene = new Scene(new StackPane(), preferences.width(), preferences.height());
        scene.getStylesheets().add(getClass().getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Traffic Manager Console");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = getClass().getResource("/com/trafficmanager/console/ui/icons/traffic-console-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        placeWindow();
        stage.setOnCloseRequest(e -> {
            e.consume();
            shutdown();
        });
        if (FirstFrameProbe.enabled()) {
            onFirstLayout(FirstFrameProbe::reportWindow);
        }
        stage.show();
        chooseProfile();
    }

    /**
     * The smoke mode and a settings file without profiles go straight to the sandbox; {@code --profile}
     * names the profile; otherwise the operator picks one (the last one chosen is preselected).
     */
    private void chooseProfile() {
        SettingsStore store = new SettingsStore(context.dirs().settingsFile());
        Settings settings;
        try {
            settings = store.load();
        } catch (SettingsException e) {
            StartupModel problem = new StartupModel("The settings file has errors", List.of());
            problem.failed(store.file() + ":\n" + String.join("\n", e.errors()));
            problem.setRetry(this::chooseProfile);
            problem.setAlternative("Use the sandbox", () -> connect(Profile.sandbox(), false));
            stage.getScene().setRoot(new StartupView(problem));
            return;
        }
        if (context.smoke()) {
            connect(settings.profile(Profile.SANDBOX_NAME).orElse(Profile.sandbox()), false);
            return;
        }
        Optional<String> named = context.commandLine().profile();
        if (named.isPresent()) {
            Optional<Profile> profile = settings.profile(named.get());
            if (profile.isPresent()) {
                connect(profile.get(), false);
            } else {
                StartupModel problem = new StartupModel("Unknown profile", List.of());
                problem.failed("--profile " + named.get() + ": no such profile in " + store.file() + "; known: "
                        + settings.choices().stream().map(Profile::name).collect(Collectors.joining(", ")));
                problem.setRetry(this::chooseProfile);
                stage.getScene().setRoot(new StartupView(problem));
            }
            return;
        }
        if (settings.profiles().isEmpty()) {
            connect(Profile.sandbox(), false);
            return;
        }
        List<ProfileChoice> choices = settings.choices().stream().map(ConsoleApplication::choice).toList();
        ConnectionPickerModel picker = new ConnectionPickerModel(choices, settings.initialProfile().name(), name -> {
            Profile chosen = settings.profile(name).orElseThrow();
            background("remember-profile", () -> {
                try {
                    store.rememberLastProfile(name);
                } catch (Exception e) {
                    LOG.warn("could not remember the last profile: {}", e.getMessage());
                }
            });
            connect(chosen, true);
        });
        picker.setEditProfiles(() -> ProfileEditorDialog.show(stage, store, this::chooseProfile));
        stage.getScene().setRoot(new StackPane(new ConnectionPickerView(picker)));
    }

    private static ProfileChoice choice(Profile p) {
        String description = p.isSandbox()
                ? "The embedded sandbox: real PostgreSQL, Kafka and Redis started by the console, with their data "
                        + "in the per-user data directory."
                : p.connection().map(c -> "PostgreSQL " + c.jdbc().url() + " as " + c.jdbc().user() + "\nKafka "
                        + c.kafka().bootstrap() + ", topic " + p.topic() + "\nRedis " + c.redis().uri()).orElse("");
        return new ProfileChoice(p.name(), description, p.readOnly());
    }

    private void connect(Profile profile, boolean fromPicker) {
        StartupModel startup = new StartupModel(profile.isSandbox()
                ? "Starting the sandbox: PostgreSQL, Kafka and Redis"
                : "Connecting to " + profile.name(), SERVERS);
        startup.setRetry(() -> connect(profile, fromPicker));
        if (fromPicker) {
            startup.setAlternative("Choose another profile", this::chooseProfile);
        }
        stage.getScene().setRoot(new StartupView(startup));
        SandboxListener progress = (server, state, detail) ->
                Platform.runLater(() -> startup.progress(server, phase(state), detail));
        background("session-start", () -> {
            try {
                started = profile.isSandbox()
                        ? SessionStarter.startSandbox(profile, context.sandboxOptions().withTopic(profile.topic()), progress)
                        : SessionStarter.connect(profile, System.getenv(), progress);
                if (started.sandbox() != null) {
                    // from now on the console's hook stops it, after the session's consumers left their group
                    started.sandbox().handOverShutdown();
                }
                long serversUp = System.nanoTime();
                Platform.runLater(() -> showMain(serversUp));
            } catch (Exception e) {
                LOG.error("could not start the session for profile {}", profile.name(), e);
                String reason = e instanceof SettingsException se ? String.join("\n", se.errors()) : e.getMessage();
                Platform.runLater(() -> {
                    startup.failed(reason + "\nThe log is in " + context.dirs().logs() + ".");
                    if (context.smoke()) {
                        failSmoke("start-up failed: " + reason);
                    }
                });
            }
        });
    }

    private static void background(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void showMain(long serversUpNanos) {
        if (shuttingDown.get()) {
            return;
        }
        ConsoleSession session = started.session();
        StatusBarModel statusBar = new StatusBarModel(session.target().profileName(), session.target().readOnly());
        traceWindow = new TraceWindow(stage, session.traces(), new TraceLookup(session.database().dataSource(),
                session.traces()), () -> traceContext(session, statusBar), command -> background("trace-lookup", command));
        Map<String, Supplier<Node>> tabs = new LinkedHashMap<>();
        tabs.put("Routes", () -> routesTab(session, statusBar));
        tabs.put("Live events", () -> {
            LiveEventsView live = new LiveEventsView(new LiveEventsModel(LiveSource.of(session.liveStream()),
                    PartitionBuffers.DEFAULT_CAPACITY));
            live.setTraceOpener(traceWindow::show);
            live.start(); // the tail starts when the tab is first shown; the session stops it
            return live;
        });
        tabs.put("Invalidation", () -> InvalidationTab.create(session.invalidation()));
        tabs.put("Audit log", () -> AuditTab.create(session.database().dataSource(), traceWindow::show));
        MainView main = new MainView(tabs, statusBar);
        main.darkThemeToggle().setSelected(preferences.dark());
        main.darkThemeToggle().selectedProperty().addListener((obs, old, dark) -> {
            applyTheme(dark);
            preferences = preferences.withDark(dark);
        });
        main.profilesButton().setOnAction(e -> ProfileEditorDialog.show(stage,
                new SettingsStore(context.dirs().settingsFile()), () -> { }));
        main.detailsButton().setOnAction(e -> ConnectionDetailsView.dialog(stage, connectionDetails()).show());
        stage.getScene().setRoot(main);
        if (FirstFrameProbe.enabled()) {
            reportFirstFrame(serversUpNanos);
        }

        session.health().onChange(round -> Platform.runLater(() -> statusBar.apply(round)));
        session.health().start();
        if (context.smoke()) {
            awaitSmoke(statusBar);
        }
    }

    /** The Routes tab on this session; its backlog feeds the status bar. */
    private Node routesTab(ConsoleSession session, StatusBarModel statusBar) {
        var target = session.target();
        routesModel = new RoutesViewModel(session.routes(), session.operator(), new RoutesSettings(target.profileName(),
                target.protectedEnvs(), target.sandbox(), RoutesSettings.DEFAULT_POLL), Platform::runLater);
        routesModel.backlogProperty().addListener((obs, old, backlog) -> statusBar.applyBacklog(backlog));
        RoutesView view = new RoutesView(routesModel);
        traceModel = new TraceViewModel(session.traces(), () -> traceContext(session, statusBar), Platform::runLater);
        routesModel.lastChangeProperty().addListener((obs, old, eventId) -> traceModel.follow(eventId));
        routesModel.history().setTraceOpener(traceWindow::show);
        view.showTrace(new TraceView(traceModel));
        view.start();
        RoutesViewModel model = routesModel;
        background("topic-partitions", () -> {
            try {
                int partitions = session.admin().describeTopics(List.of(target.topic())).allTopicNames()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS).get(target.topic()).partitions().size();
                Platform.runLater(() -> model.setPartitions(partitions));
            } catch (Exception e) {
                LOG.warn("could not read the partition count of {}: {}", target.topic(), e.toString());
            }
        });
        return view;
    }

    /** What the trace's lateness check needs, from what the status bar and the tab already know. */
    private OverdueHops.Context traceContext(ConsoleSession session, StatusBarModel statusBar) {
        boolean kafka = statusBar.servers().stream().filter(s -> s.server().equals("Kafka"))
                .anyMatch(s -> s.statusProperty().get() == ServerHealth.Status.CONNECTED);
        long backlog = routesModel == null || routesModel.backlogProperty().get() == null ? 0
                : routesModel.backlogProperty().get().pendingCount();
        return new OverdueHops.Context(java.time.Instant.now(), kafka, backlog,
                session.invalidation().consumer().running());
    }

    private void reportFirstFrame(long serversUpNanos) {
        onFirstLayout(() -> FirstFrameProbe.report(serversUpNanos));
    }

    private void onFirstLayout(Runnable action) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            stage.getScene().removePostLayoutPulseListener(once[0]);
            action.run();
        };
        stage.getScene().addPostLayoutPulseListener(once[0]);
    }

    private ConnectionDetails connectionDetails() {
        List<ConnectionDetails.Entry> entries = new ArrayList<>();
        var target = started.session().target();
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

    private void awaitSmoke(StatusBarModel statusBar) {
        PauseTransition timeout = new PauseTransition(javafx.util.Duration.seconds(SMOKE_TIMEOUT.toSeconds()));
        timeout.setOnFinished(e -> failSmoke("not all servers connected within " + SMOKE_TIMEOUT.toSeconds()
                + " s: " + statusBar.describe()));
        Runnable pass = () -> {
            timeout.stop();
            System.err.println("smoke: the main window shows PostgreSQL, Kafka and Redis connected");
            shutdown();
        };
        if (statusBar.allConnectedBinding().get()) {
            pass.run();
            return;
        }
        statusBar.allConnectedBinding().addListener((obs, was, all) -> {
            if (all) {
                pass.run();
            }
        });
        timeout.play();
    }

    private void failSmoke(String reason) {
        System.err.println("smoke failed: " + reason);
        exitCode = 1;
        shutdown();
    }

    /** Hides the window at once and stops the servers in the background, then leaves JavaFX. */
    CompletableFuture<Void> shutdown() {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(this::shutdown);
            return stopped;
        }
        if (!shuttingDown.compareAndSet(false, true)) {
            return stopped;
        }
        rememberPlacement();
        stage.hide();
        if (traceModel != null) {
            traceModel.close();
        }
        if (routesModel != null) {
            routesModel.close();
        }
        Thread stopper = new Thread(() -> {
            closeSession();
            stopped.complete(null);
            leaveToolkit.run();
        }, "console-stop");
        stopper.start();
        return stopped;
    }

    private synchronized void closeSession() {
        SessionStarter.Started s = started;
        started = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping the session: {}", e.toString());
            }
        }
    }

    private void onUncaught(Throwable error) {
        LOG.error("uncaught exception", error);
        if (Platform.isFxApplicationThread()) {
            ErrorDialogs.unexpected(stage, error, context.dirs().logs().resolve("console.log").toString()).show();
        } else {
            Platform.runLater(() -> onUncaught(error));
        }
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void placeWindow() {
        if (preferences.hasPosition() && onSomeScreen(preferences.x(), preferences.y())) {
            stage.setX(preferences.x());
            stage.setY(preferences.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(preferences.maximized());
    }

    private static boolean onSomeScreen(double x, double y) {
        return Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch((Rectangle2D b) -> b.contains(x + 40, y + 20));
    }

    private void rememberPlacement() {
        preferences = stage.isMaximized()
                ? new UiPreferences(preferences.x(), preferences.y(), preferences.width(), preferences.height(), true,
                        preferences.dark())
                : new UiPreferences(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false,
                        preferences.dark());
        preferences.save(context.dirs().state());
    }

    private static ServerRowModel.Phase phase(ServerState state) {
        return switch (state) {
            case PENDING -> ServerRowModel.Phase.WAITING;
            case STARTING -> ServerRowModel.Phase.WORKING;
            case SERVING -> ServerRowModel.Phase.READY;
            case FAILED, STOPPED -> ServerRowModel.Phase.FAILED;
        };
    }
}
