package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.ui.common.Styles;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.event.EventHandler;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Routes tab: toolbar, filter bar with counts, the routes table (or the empty state), the history
 * of the selected route and the status line. Thin: every decision is the view model's; this class
 * binds controls to it and opens dialogs.
 *
 * <p>Hazard: a disabled control shows no tooltip in JavaFX, so each toolbar button sits in a wrapper
 * that carries the tooltip too; that is how a read-only operator learns why nothing is clickable.
 */
public final class RoutesView extends BorderPane {
    private final SplitPane details;
    private final RoutesViewModel model;
    private final TextField filter = new TextField();
    private final RouteTableView table;

    public RoutesView(RoutesViewModel model) {
        this.model = model;
        this.table = new RouteTableView(model);
        RouteActions actions = model.actions();
        String readOnly = actions.readOnlyReason();

        Button create = button("routes-new", "New route", RouteShortcuts.Command.NEW, actions.canCreateProperty(),
                constant(readOnly != null ? readOnly : "Create a route (it starts inactive)"), e -> openCreate());
        Button activate = button("routes-activate", "Activate", RouteShortcuts.Command.ACTIVATE,
                actions.canActivateProperty(), actions.activateHintProperty(), e -> model.activateSelected());
        Button deactivate = button("routes-deactivate", "Deactivate", RouteShortcuts.Command.DEACTIVATE,
                actions.canDeactivateProperty(), actions.deactivateHintProperty(), e -> model.deactivateSelected());
        Button edit = button("routes-edit", "Edit URL", RouteShortcuts.Command.EDIT, actions.canEditUrlProperty(),
                actions.editHintProperty(), e -> model.editSelectedUrl());
        Button delete = button("routes-delete", "Delete", RouteShortcuts.Command.DELETE, actions.canDeleteProperty(),
                actions.deleteHintProperty(), e -> model.deleteSelected());
        Button reload = new Button("Reload");
        reload.setId("routes-reload");
        reload.setTooltip(new Tooltip("Reload the routes now (" + RouteShortcuts.text(RouteShortcuts.Command.RELOAD)
                + "); they also reload every few seconds"));
        reload.setOnAction(e -> model.reload());
        Button help = new Button("Shortcuts");
        help.setId("routes-help");
        help.setTooltip(new Tooltip("Keyboard shortcuts (F1)"));
        help.setOnAction(e -> showHelp());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(wrap(create), wrap(activate), wrap(deactivate), wrap(edit), wrap(delete), reload,
                spacer, help);
        toolbar.getStyleClass().add(Styles.ROUTES_TOOLBAR);

        filter.setId("routes-filter");
        filter.setPromptText("Filter: any column, several words narrow it (" + RouteShortcuts.text(
                RouteShortcuts.Command.FIND) + ")");
        filter.setPrefColumnCount(32);
        filter.textProperty().bindBidirectional(model.table().filterTextProperty());
        ComboBox<String> env = new ComboBox<>(model.table().envs());
        env.setId("routes-env-filter");
        env.setPromptText("all envs");
        env.valueProperty().bindBidirectional(model.table().envFilterProperty());
        ComboBox<RouteState> state = new ComboBox<>();
        state.setId("routes-state-filter");
        state.getItems().addAll(null, RouteState.ACTIVE, RouteState.INACTIVE);
        state.setPromptText("all states");
        state.setButtonCell(stateCell());
        state.setCellFactory(c -> stateCell());
        state.valueProperty().bindBidirectional(model.table().stateFilterProperty());
        Button clearEnv = new Button("Clear filters");
        clearEnv.setId("routes-env-all");
        clearEnv.setTooltip(new javafx.scene.control.Tooltip("Show all routes again: no text, any env, any state"));
        clearEnv.setOnAction(e -> {
            filter.clear();
            env.setValue(null);
            state.setValue(null);
        });
        Label counts = new Label();
        counts.setId("routes-counts");
        counts.getStyleClass().add(Styles.MUTED);
        counts.textProperty().bind(model.table().countsProperty());
        HBox filters = new HBox(filter, env, clearEnv, state, counts);
        filters.getStyleClass().add(Styles.ROUTES_TOOLBAR);
        HBox.setHgrow(filter, Priority.SOMETIMES);

        table.setContextMenu(contextMenu(actions));
        StackPane tableArea = new StackPane(table, emptyState(actions));
        table.visibleProperty().bind(model.table().emptyProperty().not());
        details = new SplitPane(new HistoryPane(model.history()));
        SplitPane split = new SplitPane(tableArea, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);

        Label status = new Label();
        status.setId("routes-status");
        status.getStyleClass().add(Styles.STATUS_LINE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.setWrapText(true);
        model.statusProperty().addListener((obs, o, line) -> showStatus(status, line));

        setTop(new VBox(toolbar, filters));
        setCenter(split);
        setBottom(status);
        installShortcuts();
    }

    /** Puts the trace of the latest change beside the history pane. */
    public void showTrace(Node trace) {
        details.getItems().add(trace);
        details.setDividerPositions(0.6);
    }

    /** Starts loading and watching the routes; questions to the operator open this view's dialogs. */
    public void start() {
        model.start(new RouteDialogs(this::window));
    }

    /** The filter box, for the benchmark and tests that type into it. */
    public TextField filterField() {
        return filter;
    }

    public RoutesViewModel model() {
        return model;
    }

    private Button button(String id, String text, RouteShortcuts.Command command, ObservableBooleanValue enabled,
                          ObservableStringValue hint, EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text);
        b.setId(id);
        b.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(javafx.beans.binding.Bindings.concat(hint, " (", RouteShortcuts.text(command), ")"));
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        b.setTooltip(tip);
        b.setOnAction(action);
        return b;
    }

    /** A wrapper that shows the button's tooltip also while the button is disabled. */
    private static Node wrap(Button b) {
        StackPane wrapper = new StackPane(b);
        wrapper.setId(b.getId() + "-wrapper");
        Tooltip.install(wrapper, b.getTooltip());
        return wrapper;
    }

    private static ObservableStringValue constant(String text) {
        return new javafx.beans.property.ReadOnlyStringWrapper(text);
    }

    private static ListCell<RouteState> stateCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(RouteState item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null ? "all states" : item.dbName());
            }
        };
    }

    private ContextMenu contextMenu(RouteActions actions) {
        ContextMenu menu = new ContextMenu(
                item("New route...", actions.canCreateProperty(), this::openCreate),
                new SeparatorMenuItem(),
                item("Activate", actions.canActivateProperty(), model::activateSelected),
                item("Deactivate", actions.canDeactivateProperty(), model::deactivateSelected),
                item("Edit URL...", actions.canEditUrlProperty(), model::editSelectedUrl),
                item("Delete...", actions.canDeleteProperty(), model::deleteSelected),
                new SeparatorMenuItem(),
                item("Reload", null, model::reload));
        menu.setId("routes-context-menu");
        return menu;
    }

    private static MenuItem item(String text, ObservableBooleanValue enabled, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId("menu-" + text.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("-$", ""));
        if (enabled != null) {
            item.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    private Node emptyState(RouteActions actions) {
        Label title = new Label("No routes yet");
        title.getStyleClass().add(Styles.TITLE);
        Label text = new Label("A route sends the traffic of one tenant's service, in one env and version "
                + "(tenant / service / env / version), to a URL. Routes start inactive; activating one tells the "
                + "Traffic Manager to use it. Every change is committed to PostgreSQL and published to Kafka as a "
                + "route_changed event, which also invalidates the route's cache entry.");
        text.setWrapText(true);
        Button create = new Button("Create route");
        create.setId("routes-empty-create");
        create.setDefaultButton(true);
        create.disableProperty().bind(actions.canCreateProperty().not());
        create.setOnAction(e -> openCreate());
        Button samples = new Button("Load sample routes");
        samples.setId("routes-load-samples");
        samples.setTooltip(new Tooltip("3 tenants x 4 services x 3 envs x 2 versions = 72 routes, the v1 ones "
                + "and all of dev active (sandbox only)"));
        samples.setVisible(model.sandbox());
        samples.setManaged(model.sandbox());
        samples.disableProperty().bind(actions.canCreateProperty().not());
        samples.setOnAction(e -> model.loadSampleRoutes());
        HBox buttons = new HBox(8, create, samples);
        VBox box = new VBox(title, text, buttons);
        box.setId("routes-empty");
        box.getStyleClass().add(Styles.ROUTES_EMPTY);
        if (actions.readOnly()) {
            Label why = new Label(actions.readOnlyReason());
            why.setWrapText(true);
            why.getStyleClass().add(Styles.MUTED);
            box.getChildren().add(why);
        }
        StackPane.setAlignment(box, Pos.TOP_CENTER);
        box.visibleProperty().bind(model.table().emptyProperty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private void openCreate() {
        if (model.actions().canCreateProperty().get()) {
            CreateRouteDialog.open(window(), model);
        }
    }

    private void showHelp() {
        GridPane grid = new GridPane();
        grid.setId("routes-shortcuts");
        grid.setHgap(16);
        grid.setVgap(6);
        int row = 0;
        for (RouteShortcuts.Shortcut s : RouteShortcuts.ALL) {
            Label keys = new Label(s.keys().getDisplayText());
            keys.getStyleClass().add(Styles.MONO);
            grid.addRow(row++, keys, new Label(s.description()));
        }
        grid.addRow(row, new Label("Right click"), new Label("The same actions on the selected routes"));
        RouteDialogs.info(window(), "Routes: keyboard shortcuts", "Keyboard shortcuts of the Routes tab", grid).show();
    }

    private static void showStatus(Label status, StatusLine line) {
        status.setText(line.text());
        status.getStyleClass().removeAll(Styles.STATE_CLASSES);
        status.getStyleClass().add(switch (line.kind()) {
            case OK -> Styles.STATE_OK;
            case WARN -> Styles.STATE_WARN;
            case ERROR -> Styles.STATE_BAD;
            case INFO, WORKING -> Styles.STATE_IDLE;
        });
    }

    private Window window() {
        Scene scene = getScene();
        return scene == null ? null : scene.getWindow();
    }

    /** Scene-wide key handling that acts only while this tab is the one showing. */
    private void installShortcuts() {
        EventHandler<KeyEvent> handler = this::onKey;
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, handler);
            }
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, handler);
            }
        });
    }

    private void onKey(KeyEvent e) {
        if (!showing()) {
            return;
        }
        for (RouteShortcuts.Shortcut s : RouteShortcuts.ALL) {
            if (s.keys().match(e)) {
                if (s.command() == RouteShortcuts.Command.DELETE && !table.isFocused()) {
                    return; // Delete in a text field deletes text, not routes
                }
                e.consume();
                run(s.command());
                return;
            }
        }
    }

    private void run(RouteShortcuts.Command command) {
        switch (command) {
            case NEW -> openCreate();
            case FIND -> {
                filter.requestFocus();
                filter.selectAll();
            }
            case ACTIVATE -> model.activateSelected();
            case DEACTIVATE -> model.deactivateSelected();
            case EDIT -> model.editSelectedUrl();
            case DELETE -> model.deleteSelected();
            case RELOAD -> model.reload();
            case HELP -> showHelp();
        }
    }

    /** True when this view and all its parents are visible (its tab is the selected one). */
    private boolean showing() {
        for (Parent p = this; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return getScene() != null;
    }
}
