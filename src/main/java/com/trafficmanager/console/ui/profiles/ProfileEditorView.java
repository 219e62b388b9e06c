package com.trafficmanager.console.ui.profiles;

import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The profile editor: the profiles on the left, the selected one's fields on the right with each
 * field's problem right under it as the operator types, and Add, Remove, Test connection, Save and
 * Close. Thin: the rules and commands are in {@link ProfileEditorModel}.
 */
public final class ProfileEditorView extends BorderPane {
    private final Button close = new Button("Close");

    public ProfileEditorView(ProfileEditorModel model) {
        getStyleClass().add(Styles.PROFILE_EDITOR);
        setPrefSize(900, 680);
        ListView<String> list = new ListView<>(model.names());
        list.setId("profiles-list");
        list.setPrefWidth(190);
        list.getSelectionModel().select(model.selectedProperty().get());
        list.getSelectionModel().selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0) {
                model.select(i.intValue());
            }
        });
        model.selectedProperty().addListener((o, a, name) -> {
            int i = model.names().indexOf(name);
            if (i >= 0 && list.getSelectionModel().getSelectedIndex() != i) {
                list.getSelectionModel().select(i);
            }
        });
        Button add = new Button("Add");
        add.setId("profiles-add");
        add.setOnAction(e -> model.add());
        Button remove = new Button("Remove");
        remove.setId("profiles-remove");
        remove.disableProperty().bind(model.selectedProperty().isNull());
        remove.setOnAction(e -> model.remove());
        Label sandboxNote = new Label("The sandbox is always available and needs no profile.");
        sandboxNote.setWrapText(true);
        sandboxNote.getStyleClass().add(Styles.MUTED);
        VBox left = new VBox(8, list, new HBox(8, add, remove), sandboxNote);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(0, 12, 0, 0));
        left.setPrefWidth(200);
        setLeft(left);

        ScrollPane form = new ScrollPane(form(model));
        form.setFitToWidth(true);
        form.disableProperty().bind(model.selectedProperty().isNull());
        setCenter(form);
        setBottom(footer(model));
    }

    /** The Close button, for the window that shows this view to act on. */
    public Button closeButton() {
        return close;
    }

    private static GridPane form(ProfileEditorModel model) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(2);
        grid.setPadding(new Insets(4, 12, 4, 4));
        ColumnConstraints labels = new ColumnConstraints(170);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, inputs);
        int row = 0;
        CheckBox external = new CheckBox("External cluster (unchecked: the embedded sandbox)");
        external.setId("profile-external");
        external.selectedProperty().bindBidirectional(model.externalProperty());
        CheckBox readOnly = new CheckBox("Read-only: the console changes nothing");
        readOnly.setId("profile-read-only");
        readOnly.selectedProperty().bindBidirectional(model.readOnlyProperty());
        for (ProfileField f : ProfileField.values()) {
            row = addField(grid, row, model, f);
            if (f == ProfileField.NAME) {
                grid.add(external, 1, row++);
            }
        }
        grid.add(readOnly, 1, row++);
        Label general = new Label();
        general.setId("profile-general-error");
        general.setWrapText(true);
        general.getStyleClass().add(Styles.FIELD_ERROR);
        general.textProperty().bind(model.generalErrorProperty());
        grid.add(general, 1, row);
        return grid;
    }

    private static int addField(GridPane grid, int row, ProfileEditorModel model, ProfileField f) {
        Label label = new Label(f.label);
        TextInputControl input = f.multiLine() ? new TextArea() : new TextField();
        if (input instanceof TextArea area) {
            area.setPrefRowCount(3);
            input.setPromptText(f == ProfileField.KAFKA_PROPERTIES ? "security.protocol=SASL_SSL" : f == ProfileField.KAFKA_SECRET_ENV
                    ? "sasl.jaas.config=KAFKA_JAAS" : "ssl.keystore.password=/path/to/file");
        }
        if (f == ProfileField.JDBC_PASSWORD_ENV || f == ProfileField.REDIS_PASSWORD_ENV) {
            input.setPromptText("name of an environment variable, e.g. "
                    + (f == ProfileField.JDBC_PASSWORD_ENV ? "PG_PASSWORD" : "REDIS_PASSWORD"));
        } else if (f == ProfileField.JDBC_PASSWORD_FILE || f == ProfileField.REDIS_PASSWORD_FILE) {
            input.setPromptText("path of an existing file holding it (relative: to the settings file)");
        } else if (f == ProfileField.USER) {
            input.setPromptText("empty: the OS user");
        }
        input.setId("profile-" + f.key.replace('.', '-'));
        input.textProperty().bindBidirectional(model.value(f));
        label.setLabelFor(input);
        if (f.connection()) {
            label.disableProperty().bind(model.externalProperty().not());
            input.disableProperty().bind(model.externalProperty().not());
        }
        Label error = new Label();
        error.setId("profile-" + f.key.replace('.', '-') + "-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.FIELD_ERROR);
        error.textProperty().bind(model.error(f));
        error.visibleProperty().bind(model.error(f).isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        grid.add(label, 0, row);
        grid.add(input, 1, row++);
        grid.add(error, 1, row++);
        return row;
    }

    private HBox footer(ProfileEditorModel model) {
        Button test = new Button("Test connection");
        test.setId("profiles-test");
        test.disableProperty().bind(model.busyProperty().or(model.formValidProperty().not())
                .or(model.externalProperty().not()));
        test.setOnAction(e -> model.testConnection());
        Button save = new Button("Save");
        save.setId("profiles-save");
        save.setDefaultButton(true);
        save.disableProperty().bind(model.busyProperty().or(model.dirtyProperty().not()));
        save.setOnAction(e -> model.save());
        close.setId("profiles-close");
        close.setCancelButton(true);
        VBox results = new VBox(2);
        results.setId("profiles-test-results");
        model.testResults().addListener((javafx.collections.ListChangeListener<ConnectionTester.Result>) c -> {
            results.getChildren().clear();
            for (ConnectionTester.Result r : model.testResults()) {
                Label l = new Label((r.ok() ? "OK  " : "FAILED  ") + r.server() + ": " + r.detail());
                l.setWrapText(true);
                l.getStyleClass().add(r.ok() ? Styles.CHECK_OK : Styles.CHECK_FAILED);
                results.getChildren().add(l);
            }
        });
        Label message = new Label();
        message.setId("profiles-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label unsaved = new Label("unsaved changes");
        unsaved.getStyleClass().add(Styles.MUTED);
        unsaved.visibleProperty().bind(model.dirtyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        VBox text = new VBox(4, message, results);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox footer = new HBox(10, text, spacer, unsaved, test, save, close);
        footer.setAlignment(Pos.TOP_RIGHT);
        footer.setPadding(new Insets(10, 0, 0, 0));
        return footer;
    }
}
