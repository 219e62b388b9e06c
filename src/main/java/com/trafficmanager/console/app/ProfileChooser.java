package com.trafficmanager.console.app;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.ui.picker.ConnectionPickerModel;
import com.trafficmanager.console.ui.picker.ConnectionPickerView;
import com.trafficmanager.console.ui.picker.ProfileChoice;
import com.trafficmanager.console.ui.profiles.ProfileEditorDialog;
import com.trafficmanager.console.ui.startup.StartupModel;
import com.trafficmanager.console.ui.startup.StartupView;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which profile the console opens, chosen at start-up: the settings file is read, then the smoke mode and a
 * settings file without profiles go to the sandbox, {@code --profile} names the profile, and otherwise the
 * operator picks one. A settings file with errors or an unknown {@code --profile} is shown with a retry.
 * It exists so that {@link ConsoleApplication} keeps the window's life and this the choosing; opening the
 * session for the chosen profile stays there ({@link Connect}), with the session it starts.
 *
 * <p>Used on the JavaFX thread; reading the settings and remembering the chosen profile run on daemon
 * threads and come back with {@link Platform#runLater}. Hazard: the window may have closed by the time the
 * settings are read, so {@code shuttingDown} is asked on the JavaFX thread before anything is shown.
 */
final class ProfileChooser {
    // logs under ConsoleApplication's name, as it did before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);

    /** Opens the session for the chosen profile; {@code fromPicker}: the operator chose it and may choose again. */
    interface Connect {
        void connect(Profile profile, boolean fromPicker);
    }

    private final LaunchContext context;
    private final Stage stage;
    private final BooleanSupplier shuttingDown;
    private final Connect connect;
    private final Consumer<String> failSmoke;

    /**
     * @param shuttingDown whether the window is closing (then nothing more is shown)
     * @param failSmoke    ends the smoke mode with this reason (no one is there to read the screen)
     */
    ProfileChooser(LaunchContext context, Stage stage, BooleanSupplier shuttingDown, Connect connect,
            Consumer<String> failSmoke) {
        this.context = context;
        this.stage = stage;
        this.shuttingDown = shuttingDown;
        this.connect = connect;
        this.failSmoke = failSmoke;
    }

    /**
     * The smoke mode and a settings file without profiles go straight to the sandbox; {@code --profile}
     * names the profile; otherwise the operator picks one (the last one chosen is preselected).
     */
    void choose() {
        SettingsStore store = new SettingsStore(context.dirs().settingsFile());
        DaemonThreads.start("settings-load", () -> { // a home directory on a network share can take its time
            try {
                Settings settings = store.load();
                Platform.runLater(() -> {
                    if (!shuttingDown.getAsBoolean()) {
                        choose(store, settings);
                    }
                });
            } catch (SettingsException e) {
                Platform.runLater(() -> settingsProblem(store, e.errors()));
            } catch (RuntimeException | Error e) { // unreadable in a way the loader did not foresee: shown
                LOG.error("could not read the settings file {}", store.file(), e);
                Platform.runLater(() -> settingsProblem(store, List.of(String.valueOf(e.getMessage()))));
            }
        });
    }

    private void settingsProblem(SettingsStore store, List<String> errors) {
        if (shuttingDown.getAsBoolean()) {
            return;
        }
        if (context.smoke()) { // no one to read the screen: say why and exit non-zero
            failSmoke.accept("the settings file " + store.file() + " has errors: " + String.join("; ", errors));
            return;
        }
        StartupModel problem = new StartupModel("The settings file has errors", List.of());
        problem.failed(store.file() + ":\n" + String.join("\n", errors));
        problem.setRetry(this::choose);
        problem.setAlternative("Use the sandbox", () -> connect.connect(Profile.sandbox(), false));
        stage.getScene().setRoot(new StartupView(problem));
    }

    private void choose(SettingsStore store, Settings settings) {
        if (context.smoke()) {
            connect.connect(settings.profile(Profile.SANDBOX_NAME).orElse(Profile.sandbox()), false);
            return;
        }
        Optional<String> named = context.commandLine().profile();
        if (named.isPresent()) {
            Optional<Profile> profile = settings.profile(named.get());
            if (profile.isPresent()) {
                connect.connect(profile.get(), false);
            } else {
                StartupModel problem = new StartupModel("Unknown profile", List.of());
                problem.failed("--profile " + named.get() + ": no such profile in " + store.file() + "; known: "
                        + settings.choices().stream().map(Profile::name).collect(Collectors.joining(", ")));
                problem.setRetry(this::choose);
                stage.getScene().setRoot(new StartupView(problem));
            }
            return;
        }
        if (settings.profiles().isEmpty()) {
            connect.connect(Profile.sandbox(), false);
            return;
        }
        List<ProfileChoice> choices = settings.choices().stream().map(ProfileChooser::choice).toList();
        ConnectionPickerModel picker = new ConnectionPickerModel(choices, settings.initialProfile().name(), name -> {
            Profile chosen = settings.profile(name).orElseThrow();
            DaemonThreads.start("remember-profile", () -> {
                try {
                    store.rememberLastProfile(name);
                } catch (Exception e) {
                    LOG.warn("could not remember the last profile: {}", e.getMessage());
                }
            });
            connect.connect(chosen, true);
        });
        picker.setEditProfiles(() -> ProfileEditorDialog.show(stage, store, this::choose));
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
}
