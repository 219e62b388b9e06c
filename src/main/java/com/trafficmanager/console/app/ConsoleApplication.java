package com.trafficmanager.console.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.trafficmanager.console.bench.FirstFrameProbe;
import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.ui.profiles.ProfileEditorDialog;
import com.trafficmanager.console.sandbox.ServerState;
import com.trafficmanager.console.ui.common.Styles;
import com.trafficmanager.console.ui.shell.MainView;
import com.trafficmanager.console.ui.shell.StatusBarModel;
import com.trafficmanager.console.ui.startup.ServerRowModel;
import com.trafficmanager.console.ui.startup.StartupModel;
import com.trafficmanager.console.ui.startup.StartupView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application and the window's life: shows the start-up screen at once, has the profile
 * chosen ({@link ProfileChooser}), brings the session up in the background, swaps in the main view
 * ({@link SessionWindow} wires the session to the tabs), runs the smoke check, and stops everything on
 * close. Theme and window placement (see {@link WindowPlacement}) are remembered here; uncaught exceptions
 * go to {@link UncaughtErrors}. It holds no feature logic.
 */
public final class ConsoleApplication extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);
    static final Duration SMOKE_TIMEOUT = Duration.ofSeconds(120);
    static final List<String> SERVERS = List.of("PostgreSQL", "Kafka", "Redis");
    /** How long closing waits for route changes still committing. */
    private static final Duration ROUTE_CHANGES_AT_CLOSE = Duration.ofSeconds(30);

    private static volatile LaunchContext launchContext;
    private static volatile int exitCode;

    private final LaunchContext context;
    private final Runnable leaveToolkit;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile SessionStarter.Started started;
    private Stage stage;
    private UiPreferences preferences;
    private volatile SessionWindow window; // set on the JavaFX thread, read by the exit hook too
    private ProfileChooser profileChooser; // JavaFX thread only, set in start

    /** Runs the window until it closes and returns the process exit code (the smoke mode's verdict). */
    public static int launchConsole(LaunchContext context) {
        launchContext = context;
        exitCode = 0;
        // the window hides at once on close, but the session stops after it (route changes still committing,
        // the placement saved): leaving JavaFX, and so the process, is the stopper's last step, not the hide's
        Platform.setImplicitExit(false);
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

    /** On the launcher thread, before the window: the file read stays off the JavaFX thread. */
    @Override
    public void init() {
        preferences = UiPreferences.load(context.dirs().state());
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        UncaughtErrors uncaught = new UncaughtErrors(stage, context, shuttingDown::get);
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> uncaught.report(error));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopOnSignal, "console-stop-on-exit"));
        applyTheme(preferences.dark());

        // the first frame says what happens while the settings are read (and is the one the start-up benchmark times)
        Scene scene = new Scene(new StartupView(new StartupModel("Reading the settings", List.of())),
                preferences.width(), preferences.height());
        scene.getStylesheets().add(getClass().getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setTitle("Traffic Manager Console");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = getClass().getResource("/com/trafficmanager/console/ui/icons/traffic-console-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        WindowPlacement.apply(stage, preferences);
        stage.setOnCloseRequest(e -> {
            e.consume();
            shutdown();
        });
        if (FirstFrameProbe.enabled()) {
            onFirstLayout(FirstFrameProbe::reportWindow);
        }
        stage.show();
        profileChooser = new ProfileChooser(context, stage, shuttingDown::get, this::connect, this::failSmoke);
        profileChooser.choose();
    }

    private void connect(Profile profile, boolean fromPicker) {
        StartupModel startup = new StartupModel(profile.isSandbox()
                ? "Starting the sandbox: PostgreSQL, Kafka and Redis"
                : "Connecting to " + profile.name(), SERVERS);
        startup.setRetry(() -> connect(profile, fromPicker));
        if (fromPicker) {
            startup.setAlternative("Choose another profile", profileChooser::choose);
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
            } catch (Exception | Error e) { // an Error too: the start-up screen must not spin for ever
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
        DaemonThreads.start(name, work);
    }

    private void showMain(long serversUpNanos) {
        if (shuttingDown.get()) {
            return;
        }
        try {
            openMainWindow(serversUpNanos);
        } catch (RuntimeException | Error e) {
            if (!context.smoke()) {
                throw e; // logged, and a dialog
            }
            // the smoke check's timer is armed only once the window is up: without this it would wait for ever
            LOG.error("the main window did not open", e);
            failSmoke("the main window did not open: " + e);
        }
    }

    private void openMainWindow(long serversUpNanos) {
        window = new SessionWindow(stage, started, command -> background("session-window", command));
        MainView main = window.view();
        main.darkThemeToggle().setSelected(preferences.dark());
        main.darkThemeToggle().selectedProperty().addListener((obs, old, dark) -> {
            applyTheme(dark);
            preferences = preferences.withDark(dark);
        });
        main.profilesButton().setOnAction(e -> ProfileEditorDialog.show(stage,
                new SettingsStore(context.dirs().settingsFile()), () -> { }));
        stage.getScene().setRoot(main);
        if (FirstFrameProbe.enabled()) {
            reportFirstFrame(serversUpNanos);
        }
        ConsoleSession session = started.session();
        StatusBarModel statusBar = window.statusBar();
        session.health().onChange(round -> Platform.runLater(() -> statusBar.apply(round)));
        session.health().start();
        if (context.smoke()) {
            SmokeCheck.await(statusBar, SMOKE_TIMEOUT, code -> {
                exitCode = code;
                shutdown();
            });
        }
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
        preferences = WindowPlacement.read(stage, preferences);
        UiPreferences placement = preferences;
        stage.hide();
        SessionWindow closing = window;
        if (closing != null) {
            closing.close();
        }
        Thread stopper = new Thread(() -> {
            try {
                awaitRouteChanges(closing);
                try { // written here, not on the JavaFX thread: a home on a network share can take its time
                    placement.save(context.dirs().state());
                } catch (RuntimeException e) { // the servers must stop whatever the placement did
                    LOG.warn("could not save the window placement: {}", e.toString());
                }
                closeSession();
            } finally { // whatever failed: leaving JavaFX is the only way out (implicit exit is off)
                stopped.complete(null);
                leaveToolkit.run();
            }
        }, "console-stop");
        stopper.start();
        return stopped;
    }

    /**
     * The process ends (a signal, a log-out): a close already under way is waited for; otherwise a route
     * change asked for still gets its time to commit before the session closes.
     */
    private void stopOnSignal() {
        if (shuttingDown.get()) {
            try {
                stopped.get(ROUTE_CHANGES_AT_CLOSE.toSeconds() + 30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the close under way did not finish: {}", e.toString());
            }
            return;
        }
        awaitRouteChanges(window);
        closeSession();
    }

    /** A route change asked for before the close commits (or fails) before the session's pool closes. */
    private static void awaitRouteChanges(SessionWindow closing) {
        if (closing == null) {
            return;
        }
        try {
            if (!closing.awaitRouteChanges(ROUTE_CHANGES_AT_CLOSE)) {
                LOG.warn("a route change still ran {} s after the window closed; stopping anyway (its outcome is "
                        + "in the route's history)", ROUTE_CHANGES_AT_CLOSE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
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
