package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.ui.common.Styles;
import java.io.File;
import java.time.LocalDate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The "Audit log" tab: filters on top (Enter runs them), the entries newest first, the selected
 * entry's details below, and the status, "Load older" and CSV export at the bottom. Thin: every
 * decision is in {@link AuditViewModel}.
 */
public final class AuditView extends BorderPane implements com.trafficmanager.console.ui.common.ShownAgain {
    private final AuditViewModel model;

    @Override
    public void shownAgain() {
        model.shownAgain();
    }

    public AuditView(AuditViewModel model) {
        this(model, id -> { });
    }

    /** @param showTrace where "Show trace" on an entry goes */
    public AuditView(AuditViewModel model, java.util.function.Consumer<java.util.UUID> showTrace) {
        this.model = model;
        getStyleClass().add(Styles.AUDIT);
        setTop(filters(model));
        TableView<AuditRow> table = table(model);
        com.trafficmanager.console.ui.trace.TraceMenu.install(table, AuditRow::eventId, showTrace);
        TextArea details = new TextArea();
        details.setId("audit-details");
        details.setEditable(false);
        details.getStyleClass().add(Styles.MONO);
        details.setPromptText("Select an entry to see all of it: ids, before and after");
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) ->
                details.setText(row == null ? "" : row.details()));
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.72);
        setCenter(split);
        setBottom(footer(model));
    }

    private static VBox filters(AuditViewModel model) {
        TextField actor = field("audit-actor", "actor", model.actorProperty(), 110);
        TextField tenant = field("audit-tenant", "tenant", model.tenantProperty(), 110);
        TextField service = field("audit-service", "service", model.serviceProperty(), 110);
        TextField env = field("audit-env", "env", model.envProperty(), 80);
        ComboBox<Action> action = new ComboBox<>(FXCollections.observableArrayList(Action.values()));
        action.getItems().add(0, null);
        action.setId("audit-action");
        action.setPromptText("any action");
        action.setButtonCell(actionCell());
        action.setCellFactory(l -> actionCell());
        action.valueProperty().bindBidirectional(model.actionProperty());
        TextField from = field("audit-from", "from (e.g. 7d)", model.fromProperty(), 130);
        TextField to = field("audit-to", "to (empty: now)", model.toProperty(), 145);
        from.setTooltip(new Tooltip("From this time on: " + TimeInput.ACCEPTED));
        to.setTooltip(new Tooltip("Before this time: " + TimeInput.ACCEPTED));
        Button search = new Button("Search");
        search.setId("audit-search");
        search.setDefaultButton(false);
        search.setOnAction(e -> model.refresh());
        for (TextField f : new TextField[] {actor, tenant, service, env, from, to}) {
            f.setOnAction(e -> model.refresh());
        }
        Button clear = new Button("Clear");
        clear.setId("audit-clear");
        clear.setOnAction(e -> model.clearFilter());
        HBox row = new HBox(8, actor, tenant, service, env, action, from, to, search, clear);
        row.setAlignment(Pos.CENTER_LEFT);
        // the name rules' messages start with the field ("tenant must be ..."); the time messages do not
        Label tenantError = error("audit-tenant-error", model.tenantErrorProperty(), "");
        Label serviceError = error("audit-service-error", model.serviceErrorProperty(), "");
        Label envError = error("audit-env-error", model.envErrorProperty(), "");
        Label fromError = error("audit-from-error", model.fromErrorProperty(), "from: ");
        Label toError = error("audit-to-error", model.toErrorProperty(), "to: ");
        VBox box = new VBox(4, row, tenantError, serviceError, envError, fromError, toError);
        box.setPadding(new Insets(8, 12, 8, 12));
        return box;
    }

    private static TableView<AuditRow> table(AuditViewModel model) {
        // a header click sorts the entries loaded (newest first until then); the view model's list stays in log order
        SortedList<AuditRow> sorted = new SortedList<>(model.rows());
        TableView<AuditRow> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("audit-table");
        table.setPlaceholder(new Label("No entries. Change the filter and press Search."));
        // the time (to the millisecond) and the action show whole; ids are cut, the details below hold them
        table.getColumns().add(column("Time", AuditRow::time, 205));
        table.getColumns().add(column("Actor", AuditRow::actor, 100));
        table.getColumns().add(column("Action", AuditRow::action, 110));
        table.getColumns().add(column("Route", AuditRow::route, 230));
        table.getColumns().add(column("Before -> after", AuditRow::change, 300));
        table.getColumns().add(column("Host", AuditRow::host, 110));
        table.getColumns().add(column("Request id", AuditRow::requestId, 120));
        table.getColumns().add(column("Event id", AuditRow::eventId, 120));
        table.getColumns().add(column("Kafka", AuditRow::publish, 170));
        return table;
    }

    private static HBox footer(AuditViewModel model) {
        Label status = new Label();
        status.setId("audit-status");
        status.textProperty().bind(model.statusProperty());
        Button older = new Button("Load older");
        older.setId("audit-older");
        older.disableProperty().bind(model.moreProperty().not().or(model.loadingProperty()));
        older.setOnAction(e -> model.loadOlder());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ProgressBar progress = new ProgressBar();
        progress.setId("audit-export-progress");
        progress.progressProperty().bind(model.exportProgressProperty());
        progress.visibleProperty().bind(model.exportingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        Label exportStatus = new Label();
        exportStatus.setId("audit-export-status");
        exportStatus.getStyleClass().add(Styles.MUTED);
        exportStatus.textProperty().bind(model.exportStatusProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("audit-export-cancel");
        cancel.visibleProperty().bind(model.exportingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelExport());
        Button export = new Button("Export CSV...");
        export.setId("audit-export");
        export.setTooltip(new Tooltip("Every entry that matches the filter, not only the ones shown"));
        export.disableProperty().bind(model.exportingProperty());
        export.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export the audit log");
            chooser.setInitialFileName("audit-" + LocalDate.now() + ".csv");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File file = chooser.showSaveDialog(getWindow(export));
            if (file != null) {
                model.exportTo(file.toPath());
            }
        });
        HBox box = new HBox(10, status, older, spacer, exportStatus, progress, cancel, export);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(6, 12, 6, 12));
        return box;
    }

    private static javafx.stage.Window getWindow(javafx.scene.Node node) {
        return node.getScene() == null ? null : node.getScene().getWindow();
    }

    private static TextField field(String id, String prompt, StringProperty value, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Label error(String id, ReadOnlyStringProperty message, String prefix) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.FIELD_ERROR);
        l.textProperty().bind(javafx.beans.binding.Bindings.when(message.isEmpty()).then("").otherwise(
                javafx.beans.binding.Bindings.concat(prefix, message)));
        l.visibleProperty().bind(message.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static ListCell<Action> actionCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Action item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "any action" : item.wireName());
            }
        };
    }

    private static TableColumn<AuditRow, String> column(String title, Function<AuditRow, String> cell, double width) {
        TableColumn<AuditRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new SimpleStringProperty(cell.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 110));
        return c;
    }
}
