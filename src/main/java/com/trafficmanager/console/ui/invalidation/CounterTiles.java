package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.ui.common.Styles;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The counters as a row of small tiles: a number over its name, with a tooltip saying what it counts. */
final class CounterTiles extends FlowPane {

    CounterTiles(InvalidationViewModel m) {
        super(8, 8);
        tile("processed", m.processedProperty(), "every record handled: deleted, absent, duplicate, malformed, or an"
                + " error Redis gave for it (the errors tile also counts failures of no record: outages, commits)");
        tile("keys deleted", m.deletedProperty(), "new events whose route key was cached and is now deleted");
        tile("already absent", m.absentProperty(), "new events whose route key was not cached");
        tile("duplicates", m.duplicatesProperty(), "events whose event_id was seen before (redeliveries): nothing changed");
        tile("malformed", m.malformedProperty(), "records that are not route events: logged with partition/offset, skipped");
        tile("errors", m.errorsProperty(), "Redis unavailable, commits refused, records Redis refused");
        tile("retries", m.retriesProperty(), "attempts to reach Redis again while it was unavailable");
        tile("rebalances", m.rebalancesProperty(), "partition assignments of this member by the group");
        tile("commits", m.commitsProperty(), "offset commits (after each batch, and while paused to show it is alive)");
        tile("events/s", m.rateProperty(), "records processed per second over the last sampling tick");
        tile("total lag", m.totalLagProperty(), InvalidationViewModel.TIME_LAG_RULE);
        tile("max lag", m.maxLagProperty(), "the largest lag of one partition");
        tile("max time lag", m.maxTimeLagProperty(), InvalidationViewModel.TIME_LAG_RULE);
        tile("group status", m.groupStatusProperty(), InvalidationViewModel.STATUS_RULE);
    }

    private void tile(String name, ObservableValue<?> value, String help) {
        Label number = new Label();
        number.getStyleClass().add(Styles.INVAL_TILE_VALUE);
        number.setId("inval-" + name.replace(' ', '-').replace("/", "-per-"));
        // a negative figure is an unknown one (the lag while Kafka does not answer)
        number.textProperty().bind(value.map(v -> v instanceof Long l ? (l < 0 ? "?" : String.format("%,d", l))
                : String.valueOf(v)));
        Label caption = new Label(name);
        caption.getStyleClass().add(Styles.MUTED);
        VBox tile = new VBox(2, number, caption);
        tile.getStyleClass().add(Styles.INVAL_TILE);
        Tooltip.install(tile, new Tooltip(help));
        getChildren().add(tile);
    }
}
