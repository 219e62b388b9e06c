package com.trafficmanager.console.ui.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * The dialog for errors nobody handled: what happened in one sentence, the details (stack trace) behind
 * an expander for a bug report. Must be called on the JavaFX thread.
 */
public final class ErrorDialogs {
    private ErrorDialogs() {
    }

    public static Alert unexpected(Window owner, Throwable error, String logFile) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.setTitle("Unexpected error");
        alert.setHeaderText(header(error));
        alert.setContentText("The console keeps running. The details are also in " + logFile + ".");
        TextArea details = new TextArea(details(error));
        details.setEditable(false);
        details.setWrapText(false);
        details.getStyleClass().add(Styles.MONO);
        details.setPrefRowCount(16);
        alert.getDialogPane().setExpandableContent(details);
        return alert;
    }

    /** Everything the dialog shows of an error: the header and the details, for tests that check it. */
    public static String text(Throwable error) {
        return header(error) + "\n" + details(error);
    }

    private static String header(Throwable error) {
        return "Something went wrong: " + summary(error);
    }

    private static String details(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    static String summary(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
