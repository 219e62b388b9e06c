package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.ui.common.Styles;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** A dialog with the endpoints and ready-to-paste commands, each with a Copy button. */
public final class ConnectionDetailsView {
    private ConnectionDetailsView() {
    }

    public static Dialog<Void> dialog(Window owner, ConnectionDetails details) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connection details");
        dialog.setResizable(true);
        fill(dialog.getDialogPane(), details);
        return dialog;
    }

    /** The dialog's pane: header, one row per entry (name, value, Copy), and Close. */
    static DialogPane fill(DialogPane pane, ConnectionDetails details) {
        pane.setHeaderText("Where this console connects; paste a command into a terminal to look in.");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        for (ConnectionDetails.Entry entry : details.entries()) {
            Label label = new Label(entry.label());
            label.setMinWidth(Region.USE_PREF_SIZE); // the value field gives way, never the names
            TextField value = new TextField(entry.value());
            value.setEditable(false);
            value.setPrefColumnCount(48);
            value.getStyleClass().add(Styles.MONO);
            value.setId("details-" + entry.label().toLowerCase().replaceAll("[^a-z0-9]+", "-"));
            GridPane.setHgrow(value, Priority.ALWAYS);
            Button copy = new Button("Copy");
            copy.setMinWidth(Region.USE_PREF_SIZE);
            copy.setOnAction(e -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(entry.value());
                Clipboard.getSystemClipboard().setContent(content);
            });
            grid.addRow(row++, label, value, copy);
        }
        pane.setContent(grid);
        pane.getButtonTypes().add(ButtonType.CLOSE);
        return pane;
    }
}
