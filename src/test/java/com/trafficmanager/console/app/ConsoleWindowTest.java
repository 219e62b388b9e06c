package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.sandbox.SandboxOptions;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The console as an operator starts it: the start-up screen, then the main window whose status bar
 * turns PostgreSQL, Kafka and Redis connected, all on a sandbox of its own.
 */
class ConsoleWindowTest {
    @TempDir
    Path home;
    private ConsoleApplication app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        AppDirs dirs = new AppDirs(home.resolve("config"), home.resolve("data"), home.resolve("state"), TestSandbox.cacheDir());
        LaunchContext context = new LaunchContext(CommandLine.parse(), dirs,
                new SandboxOptions(dirs.sandboxData(), dirs.cache(), false, SandboxOptions.DEFAULT_TOPIC).withAnyFreePorts());
        app = new ConsoleApplication(context, () -> { });
        FxToolkit.setupApplication(() -> app);
    }

    @AfterEach
    void stop() throws Exception {
        robot.interact(() -> app.shutdown());
        app.shutdown().get(60, TimeUnit.SECONDS);
        FxToolkit.cleanupApplication(app);
    }

    @Test
    void statusBarShowsAllThreeServersConnected() throws Exception {
        Eventually.await("the status bar", Duration.ofSeconds(120), () -> robot.lookup("#status-kafka").tryQuery().isPresent());
        for (String server : new String[] {"postgresql", "kafka", "redis"}) {
            Eventually.await(server + " connected", Duration.ofSeconds(60),
                    () -> text("#status-" + server).endsWith(": connected"));
        }
        assertThat(text("#status-profile")).isEqualTo("profile: sandbox");
        assertThat(robot.lookup("#status-read-only").queryAs(Label.class).isVisible()).isFalse();
        assertThat(Files.exists(home.resolve("data/sandbox/sandbox.json"))).isTrue();

        robot.clickOn("#connection-details");
        Eventually.await("the connection details dialog", Duration.ofSeconds(10),
                () -> robot.lookup("#details-psql").tryQuery().isPresent());
        assertThat(robot.lookup("#details-psql").queryAs(TextField.class).getText()).startsWith("psql -h 127.0.0.1 -p ");
        assertThat(robot.lookup("#details-kcat").queryAs(TextField.class).getText()).contains("-t route-events");
    }

    @Test
    void theWindowsSizeIsSavedWhenItCloses() throws Exception {
        Eventually.await("the status bar", Duration.ofSeconds(120), () -> robot.lookup("#status-kafka").tryQuery().isPresent());
        robot.interact(() -> {
            Stage window = (Stage) robot.lookup("#status-kafka").query().getScene().getWindow();
            window.setWidth(1111);
            window.setHeight(777);
        });
        app.shutdown().get(60, TimeUnit.SECONDS);
        UiPreferences saved = UiPreferences.load(home.resolve("state"));
        assertThat(List.of(saved.width(), saved.height())).containsExactly(1111.0, 777.0);
    }

    private String text(String query) {
        return robot.lookup(query).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
