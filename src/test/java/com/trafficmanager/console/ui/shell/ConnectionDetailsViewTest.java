package com.trafficmanager.console.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.ShownText;
import com.trafficmanager.console.ui.common.Styles;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Connection details dialog's pane, headless, 600 pixels wide as the dialog opened: every entry's
 * name and every Copy button show whole (they were cut to "JDBC...", "Kafk..." and "..." beside the long
 * values); the values give way.
 */
class ConnectionDetailsViewTest {
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void toolkit() throws Exception {
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void namesAndCopyButtonsShowWhole() throws Exception {
        ConnectionDetails details = new ConnectionDetails(List.of(
                new ConnectionDetails.Entry("Profile", "sandbox"),
                new ConnectionDetails.Entry("JDBC URL", "jdbc:postgresql://127.0.0.1:54329/traffic"),
                new ConnectionDetails.Entry("Kafka bootstrap", "127.0.0.1:19092"),
                new ConnectionDetails.Entry("Redis URI", "redis://127.0.0.1:16379"),
                new ConnectionDetails.Entry("kcat", "kcat -b 127.0.0.1:19092 -t route-events -C -f '%p/%o %k %s\\n'"),
                new ConnectionDetails.Entry("redis-cli", "redis-cli -u redis://127.0.0.1:16379"),
                new ConnectionDetails.Entry("Endpoints file", "/home/operator/.local/share/traffic-console/sandbox/sandbox.json")));
        FxToolkit.setupStage(stage -> {
            DialogPane pane = ConnectionDetailsView.fill(new DialogPane(), details);
            Scene scene = new Scene(pane, 600, 520); // narrower than the long values want, as the dialog opened
            scene.getStylesheets().add(ConnectionDetailsViewTest.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        FxToolkit.showStage();

        Map<String, String> shown = ShownText.of(robot.lookup(".dialog-pane .label").queryAll().stream()
                .filter(n -> details.entries().stream().anyMatch(e -> e.label().equals(((javafx.scene.control.Label) n).getText())))
                .toList());
        assertThat(shown).hasSize(details.entries().size());
        shown.forEach((name, seen) -> assertThat(seen).as("the name '%s'", name).isEqualTo(name));
        List<String> buttons = robot.lookup(".dialog-pane .button").queryAllAs(javafx.scene.control.Button.class).stream()
                .filter(b -> "Copy".equals(b.getText())).map(b -> ((javafx.scene.text.Text) b.lookup(".text")).getText())
                .toList();
        assertThat(buttons).hasSize(details.entries().size()).containsOnly("Copy");
    }
}
