package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.sandbox.PortAllocator;
import com.trafficmanager.console.sandbox.SandboxOptions;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * With profiles in settings.json the console asks which one to use; a profile whose servers do not
 * answer is shown server by server with the reason, and the operator can retry or choose again.
 */
class ConnectionPickerTest {
    @TempDir
    Path home;
    private ConsoleApplication app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.shutdown().get(60, TimeUnit.SECONDS);
            FxToolkit.cleanupApplication(app);
        }
    }

    @Test
    void unreachableServersAreNamedWithTheirReasonAndARetry() throws Exception {
        int deadPort = PortAllocator.freePort();
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), """
                {"lastProfile": "staging",
                 "profiles": [
                   {"name": "staging", "type": "external",
                    "jdbc": {"url": "jdbc:postgresql://127.0.0.1:%d/traffic", "user": "console"},
                    "kafka": {"bootstrap": "127.0.0.1:%d"},
                    "redis": {"uri": "redis://127.0.0.1:%d"},
                    "readOnly": true}
                 ]}
                """.formatted(deadPort, deadPort, deadPort));
        start();

        Eventually.await("the connection picker", Duration.ofSeconds(30),
                () -> robot.lookup("#profile-list").tryQuery().isPresent());
        ListView<?> list = robot.lookup("#profile-list").queryAs(ListView.class);
        assertThat(list.getItems()).extracting(Object::toString).containsExactly("sandbox", "staging  (read-only)");
        assertThat(list.getSelectionModel().getSelectedItem()).hasToString("staging  (read-only)");

        robot.clickOn("#profile-connect");
        Eventually.await("the failure", Duration.ofSeconds(60),
                () -> robot.lookup("#startup-failure").tryQuery().map(n -> ((Label) n).getText()).orElse("").contains("could not reach"));
        String failure = robot.lookup("#startup-failure").queryAs(Label.class).getText();
        assertThat(failure).contains("PostgreSQL: ").contains("Redis: ")
                .contains("Kafka: no broker answered at 127.0.0.1:" + deadPort);
        Label firstFailure = robot.lookup("#startup-failure").queryAs(Label.class);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(); // the failure's buttons laid out where a click finds them
        robot.clickOn("#startup-retry"); // connects again: a new start-up screen, which fails the same way
        Eventually.await("the retry's failure", Duration.ofSeconds(60),
                () -> robot.lookup("#startup-failure").tryQuery().filter(n -> n != firstFailure)
                        .map(n -> ((Label) n).getText()).orElse("").contains("could not reach"));

        robot.clickOn("#startup-alternative");
        Eventually.await("the picker again", Duration.ofSeconds(10),
                () -> robot.lookup("#profile-list").tryQuery().isPresent());
    }

    @Test
    void settingsErrorsAreListedWithAWayToTheSandbox() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), """
                {"profiles": [{"name": "prod-eu", "type": "external",
                  "jdbc": {"url": "jdbc:postgresql://db:5432/routes", "user": "console", "password": "hunter2"},
                  "kafka": {"bootstrap": "broker1"}, "redis": {"uri": "redis://cache:6379"}}]}
                """);
        start();
        Eventually.await("the settings errors", Duration.ofSeconds(30),
                () -> robot.lookup("#startup-failure").tryQuery().isPresent()
                        && !robot.lookup("#startup-failure").queryAs(Label.class).getText().isEmpty());
        String errors = robot.lookup("#startup-failure").queryAs(Label.class).getText();
        assertThat(errors).contains("profile 'prod-eu': kafka.bootstrap must be host:port[,host:port...], got 'broker1'")
                .contains("jdbc.password").doesNotContain("hunter2");
        assertThat(robot.lookup("#startup-alternative").queryAs(javafx.scene.control.Button.class).getText())
                .isEqualTo("Use the sandbox");
    }

    private void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        AppDirs dirs = new AppDirs(home.resolve("config"), home.resolve("data"), home.resolve("state"), TestSandbox.cacheDir());
        LaunchContext context = new LaunchContext(CommandLine.parse(), dirs,
                new SandboxOptions(dirs.sandboxData(), dirs.cache(), false, SandboxOptions.DEFAULT_TOPIC).withAnyFreePorts());
        app = new ConsoleApplication(context, () -> { });
        FxToolkit.setupApplication(() -> app);
    }
}
