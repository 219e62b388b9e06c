package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.ui.common.Styles;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The "Create route" form as a dialog: the five fields with their inline messages, the event preview
 * and partition, and Create, disabled while anything is invalid or the create is running. The dialog
 * is not modal-blocking (show, not showAndWait): it closes itself when the create committed and stays
 * open with the reason when it was refused.
 */
final class CreateRouteDialog {
    private static final String[] PROMPTS = {"e.g. team-a", "e.g. payments", "e.g. prod", "e.g. v2",
            "e.g. https://payments-v2.prod.team-a.example.com"};

    private CreateRouteDialog() {
    }

    static Dialog<Void> open(Window owner, RoutesViewModel model) {
        CreateRouteModel form = model.newCreateForm();
        Dialog<Void> dialog = new Dialog<>();
        if (owner != null && owner.isShowing()) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Create route");
        dialog.setHeaderText("A new route starts inactive; activate it once it is right.");
        dialog.setResizable(true);
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        dialog.setResultConverter(b -> null);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        int row = 0;
        TextField first = null;
        for (int i = 0; i < CreateRouteModel.FIELDS.size(); i++) {
            String field = CreateRouteModel.FIELDS.get(i);
            TextField input = new TextField();
            input.setId("create-" + field);
            input.setPromptText(PROMPTS[i]);
            input.setPrefColumnCount(field.equals("url") ? 44 : 24);
            input.textProperty().bindBidirectional(form.field(field));
            GridPane.setHgrow(input, Priority.ALWAYS);
            Label error = new Label();
            error.setId("create-" + field + "-error");
            error.getStyleClass().add(Styles.FIELD_ERROR);
            error.setWrapText(true);
            error.setMaxWidth(560);
            error.textProperty().bind(form.errorProperty(field));
            error.managedProperty().bind(error.textProperty().isNotEmpty());
            error.visibleProperty().bind(error.managedProperty());
            grid.add(new Label(field.equals("url") ? "URL" : capital(field)), 0, row);
            grid.add(input, 1, row++);
            grid.add(error, 1, row++);
            if (first == null) {
                first = input;
            }
        }
        Label partition = new Label();
        partition.setId("create-partition");
        partition.textProperty().bind(form.partitionProperty());
        TextArea preview = new TextArea();
        preview.setId("create-preview");
        preview.setEditable(false);
        preview.setPrefRowCount(15);
        preview.getStyleClass().add(Styles.MONO);
        preview.textProperty().bind(form.previewProperty());
        Label previewTitle = new Label("The event this commit publishes (event_id, request_id and occurred_at "
                + "are assigned at commit):");
        previewTitle.setWrapText(true);
        Label failure = new Label();
        failure.setId("create-failure");
        failure.getStyleClass().add(Styles.FIELD_ERROR);
        failure.setWrapText(true);
        failure.textProperty().bind(form.failureProperty());
        failure.managedProperty().bind(failure.textProperty().isNotEmpty());
        failure.visibleProperty().bind(failure.managedProperty());
        VBox content = new VBox(8, grid, failure, previewTitle, preview, partition);
        content.setPrefWidth(640);
        dialog.getDialogPane().setContent(content);

        Button createButton = (Button) dialog.getDialogPane().lookupButton(create);
        createButton.setId("create-submit");
        createButton.disableProperty().bind(form.canCreateProperty().not());
        createButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog closes only once the route is committed
            model.create(form, dialog::close);
        });
        TextField focus = first;
        dialog.setOnShown(e -> focus.requestFocus());
        dialog.show();
        return dialog;
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
