package com.trafficmanager.console.app;

import com.trafficmanager.console.ui.shell.StatusBarModel;
import java.time.Duration;
import java.util.function.IntConsumer;
import javafx.animation.PauseTransition;

/**
 * The smoke mode's verdict ({@code --smoke}, run by CI on the packaged console): it passes once the main
 * window's status bar shows PostgreSQL, Kafka and Redis connected, and fails when that has not happened
 * within the timeout. Either way it says so on stderr and hands over the exit code. JavaFX thread only.
 */
final class SmokeCheck {
    private SmokeCheck() {
    }

    /** Calls {@code finish} once, with 0 (passed) or 1 (failed). */
    static void await(StatusBarModel statusBar, Duration timeout, IntConsumer finish) {
        PauseTransition timer = new PauseTransition(javafx.util.Duration.seconds(timeout.toSeconds()));
        timer.setOnFinished(e -> {
            System.err.println("smoke failed: not all servers connected within " + timeout.toSeconds() + " s: "
                    + statusBar.describe());
            finish.accept(1);
        });
        Runnable pass = () -> {
            timer.stop();
            System.err.println("smoke: the main window shows PostgreSQL, Kafka and Redis connected");
            finish.accept(0);
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
        timer.play();
    }
}
