package com.trafficmanager.console.ui.profiles;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.text.FailureText;
import com.trafficmanager.console.ui.common.Styles;
import java.time.Duration;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the profile editor in a window of its own, from the connection picker or the main window's
 * header. A settings file with errors is not edited here (the start-up screen lists them; fix the
 * file by hand): the editor would otherwise drop what it cannot read.
 */
public final class ProfileEditorDialog {
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(12);

    private ProfileEditorDialog() {
    }

    /**
     * @param onSaved run on the JavaFX thread after a save, e.g. to refresh the picker
     */
    public static void show(Window owner, SettingsStore store, Runnable onSaved) {
        Node ownerRoot = owner.getScene().getRoot();
        if (ownerRoot.isDisable()) {
            return; // already opening (a double click), or the window is busy
        }
        // nothing else in the window may start (a Connect, a second editor) while the settings are read
        ownerRoot.setDisable(true);
        Executor background = work -> {
            DaemonThreads.start("profile-editor", work);
        };
        background.execute(() -> { // read off the JavaFX thread: the home directory may be on a network share
            try {
                Settings basis = store.load();
                Platform.runLater(() -> {
                    ownerRoot.setDisable(false);
                    open(owner, store, basis, background, onSaved);
                });
            } catch (SettingsException | RuntimeException | Error e) { // never leave the window disabled
                Platform.runLater(() -> {
                    ownerRoot.setDisable(false);
                    Alert alert = new Alert(Alert.AlertType.ERROR, store.file() + ":\n" + FailureText.of(e));
                    alert.setHeaderText("The settings file has errors; fix it by hand first");
                    alert.initOwner(owner);
                    alert.show();
                });
            }
        });
    }

    private static void open(Window owner, SettingsStore store, Settings basis, Executor background, Runnable onSaved) {
        ProfileEditorModel model = new ProfileEditorModel(store, basis, new ConnectionTester(TEST_TIMEOUT),
                System.getenv(), background, Platform::runLater, onSaved);
        if (model.names().isEmpty()) {
            model.startWithABlankProfile();
        }
        ProfileEditorView view = new ProfileEditorView(model);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Connection profiles - " + store.file());
        Scene scene = new Scene(view);
        scene.getStylesheets().add(ProfileEditorDialog.class.getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        view.closeButton().setOnAction(e -> {
            if (mayClose(stage, model)) {
                stage.close();
            }
        });
        stage.setOnCloseRequest(e -> {
            if (!mayClose(stage, model)) {
                e.consume();
            }
        });
        stage.show();
    }

    /** Close (or Esc, or the window's X) with unsaved edits asks first; keeping them is the default answer. */
    private static boolean mayClose(Stage stage, ProfileEditorModel model) {
        if (!model.dirtyProperty().get()) {
            return true;
        }
        ButtonType discard = new ButtonType("Discard changes", ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep editing", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "The profiles have changes that are not saved.",
                discard, keep);
        alert.setHeaderText("Close without saving?");
        alert.initOwner(stage);
        ((Button) alert.getDialogPane().lookupButton(discard)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        return alert.showAndWait().filter(discard::equals).isPresent();
    }
}
