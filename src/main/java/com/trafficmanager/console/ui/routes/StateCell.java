package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/** The state column: a colored badge (green active, grey inactive) with a spinner while an action runs. */
final class StateCell extends TableCell<RouteRow, RouteRow.Badge> {
    private final Label badge = new Label();
    private final ProgressIndicator progress = new ProgressIndicator();
    private final HBox box = new HBox(6, badge, progress);

    StateCell() {
        badge.getStyleClass().add(Styles.ROUTE_STATE);
        progress.setPrefSize(14, 14);
        progress.setMaxSize(14, 14);
        box.setAlignment(Pos.CENTER_LEFT);
        setAlignment(Pos.CENTER_LEFT);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(RouteRow.Badge item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        boolean active = item.state() == RouteState.ACTIVE;
        badge.setText(item.state().dbName());
        badge.getStyleClass().removeAll(Styles.ROUTE_ACTIVE, Styles.ROUTE_INACTIVE);
        badge.getStyleClass().add(active ? Styles.ROUTE_ACTIVE : Styles.ROUTE_INACTIVE);
        progress.setVisible(item.busy());
        progress.setManaged(item.busy());
        setText(item.state().dbName()); // for accessibility and lookups; only the graphic shows
        setGraphic(box);
    }
}
