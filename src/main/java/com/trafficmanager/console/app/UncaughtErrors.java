package com.trafficmanager.console.app;

import com.trafficmanager.console.ui.common.ErrorDialogs;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console does with an exception nobody caught: logs every one and shows one dialog at a time,
 * none once the window is closing. It exists so the window's life ({@link ConsoleApplication}) and the
 * reporting of failures are read apart.
 *
 * <p>{@link #report} runs on whichever thread failed ({@link ConsoleApplication#start} makes it the
 * process's default handler); the dialog and {@code errorShowing} belong to the JavaFX thread. Hazard: the
 * default handler is process-wide and never removed, so tests that start several consoles in one JVM
 * report through the last one started.
 */
final class UncaughtErrors {
    // logs under ConsoleApplication's name, as it did before this class was split from it
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApplication.class);

    private final Stage stage;
    private final LaunchContext context;
    private final BooleanSupplier shuttingDown;
    private boolean errorShowing; // JavaFX thread only

    /** @param shuttingDown whether the window is closing (then no dialog is shown; the log still has it) */
    UncaughtErrors(Stage stage, LaunchContext context, BooleanSupplier shuttingDown) {
        this.stage = stage;
        this.context = context;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Logs every uncaught exception and shows one dialog at a time: a failure that repeats (a thread
     * retrying) fills the log, not the screen.
     */
    void report(Throwable error) {
        LOG.error("uncaught exception in {}", Thread.currentThread().getName(), error);
        Platform.runLater(() -> {
            if (errorShowing || shuttingDown.getAsBoolean()) {
                return;
            }
            errorShowing = true;
            var dialog = ErrorDialogs.unexpected(stage, error, context.dirs().logs().resolve("console.log").toString());
            dialog.setOnHidden(e -> errorShowing = false);
            dialog.show();
        });
    }
}
