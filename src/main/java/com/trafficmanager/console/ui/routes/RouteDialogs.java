package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteValidator;
import com.trafficmanager.console.ui.common.Styles;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialogs behind {@link RoutesPrompts}: the confirmation that names every route (and, for a bulk
 * change in a protected env, makes the operator type the env), the conflict report with Reload, and the
 * URL editor with the same inline validation as the create form. Modal, on the JavaFX thread.
 */
final class RouteDialogs implements RoutesPrompts {
    private final Supplier<Window> owner;

    RouteDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(Confirmation c) {
        Dialog<ButtonType> dialog = dialog(c.title(), c.header());
        ButtonType ok = new ButtonType(c.okLabel(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        ListView<String> routes = new ListView<>();
        routes.setId("confirm-routes");
        routes.getItems().setAll(c.routes());
        routes.setPrefHeight(Math.min(260, 28 + 26 * c.routes().size()));
        routes.getStyleClass().add(Styles.MONO);
        routes.setPrefWidth(680);
        VBox content = new VBox(8, new Label(c.routes().size() == 1 ? "Route affected:"
                : "All " + c.routes().size() + " routes affected:"), routes);
        Button okButton = (Button) dialog.getDialogPane().lookupButton(ok);
        okButton.setId("confirm-ok");
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setId("confirm-cancel");
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        okButton.setDefaultButton(false);
        if (c.requiresTyping()) {
            TextField typed = new TextField();
            typed.setId("confirm-type");
            typed.setPromptText(c.typeToConfirm());
            okButton.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> !c.confirmedBy(typed.getText()), typed.textProperty()));
            content.getChildren().addAll(new Label("Type '" + c.typeToConfirm() + "' to confirm:"), typed);
        }
        dialog.getDialogPane().setContent(content);
        return dialog.showAndWait().filter(b -> b == ok).isPresent();
    }

    @Override
    public boolean conflict(ConflictReport r) {
        Dialog<ButtonType> dialog = dialog("Changed by someone else",
                r.route() + " was changed by '" + r.changedBy() + "' at " + r.changedAt() + " after you loaded it.");
        ButtonType reload = new ButtonType("Reload", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(reload, ButtonType.CLOSE);
        ((Button) dialog.getDialogPane().lookupButton(reload)).setId("conflict-reload");
        StringBuilder text = new StringBuilder("Your change (" + r.attempted() + ") was not made; nothing was written.\n\n");
        text.append("You saw row_version ").append(r.sawRowVersion()).append("; ")
                .append(r.nowRowVersion() == null ? "the route has since been deleted."
                        : "it is now " + r.nowRowVersion() + ".").append('\n');
        if (!r.changes().isEmpty()) {
            text.append("\nChanges since you loaded it:\n");
            r.changes().forEach(ch -> text.append("  - ").append(ch).append('\n'));
        }
        text.append("\nReload to see the route as it is now, then decide again.");
        Label body = new Label(text.toString());
        body.setId("conflict-text");
        body.setWrapText(true);
        body.setMaxWidth(640);
        dialog.getDialogPane().setContent(body);
        return dialog.showAndWait().filter(b -> b == reload).isPresent();
    }

    @Override
    public Optional<String> editUrl(Route route, String proposed) {
        String header = "Point " + route.key() + " to a new URL. Its state (" + route.state().dbName()
                + ") stays as it is.";
        if (!proposed.equals(route.url())) { // after a conflict: the route as it is now, with the operator's URL
            header += "\nIt now points to " + route.url() + "; your URL is filled in.";
        }
        Dialog<ButtonType> dialog = dialog("Edit URL", header);
        ButtonType save = new ButtonType("Change URL", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        TextField url = new TextField(proposed);
        url.setId("edit-url");
        url.setPrefColumnCount(48);
        Label error = new Label();
        error.setId("edit-url-error");
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.setWrapText(true);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("edit-url-ok");
        Runnable check = () -> {
            String message = RouteValidator.checkUrl(url.getText()).map(e -> e.message()).orElse("");
            error.setText(message);
            saveButton.setDisable(!message.isEmpty() || url.getText().equals(route.url()));
        };
        url.textProperty().addListener((obs, o, n) -> check.run());
        check.run();
        dialog.getDialogPane().setContent(new VBox(6, new Label("URL"), url, error));
        dialog.setOnShown(e -> url.requestFocus());
        return dialog.showAndWait().filter(b -> b == save).map(b -> url.getText());
    }

    private Dialog<ButtonType> dialog(String title, String header) {
        Dialog<ButtonType> dialog = new Dialog<>();
        Window w = owner.get();
        if (w != null && w.isShowing()) {
            dialog.initOwner(w);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.setResizable(true);
        return dialog;
    }

    /** An information alert (help and the like), not modal to the table's work. */
    static Alert info(Window owner, String title, String header, Node content) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.getDialogPane().setContent(content);
        return alert;
    }
}
