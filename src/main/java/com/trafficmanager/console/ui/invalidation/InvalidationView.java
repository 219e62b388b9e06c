package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.ui.common.Styles;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Invalidation tab: the consumer's state and commands, counters, the per-partition table with lag,
 * time lag and Burrow status, the lag and rate trends, the last events; the cache inspector and (on the
 * sandbox) fault injection in tabs of their own. Thin: everything it shows comes from the view model.
 */
public final class InvalidationView extends BorderPane {

    public InvalidationView(InvalidationViewModel model) {
        TabPane inner = new TabPane();
        inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        inner.getTabs().add(tab("Consumer", "inval-tab-consumer", consumer(model)));
        inner.getTabs().add(tab("Cache inspector", "inval-tab-inspector", new CacheInspectorView(model.inspector())));
        if (model.faultsAvailable()) {
            inner.getTabs().add(tab("Fault injection (sandbox)", "inval-tab-faults", new FaultInjectionView(model)));
        }
        setCenter(inner);
    }

    private static Tab tab(String name, String id, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setId(id);
        return t;
    }

    private static ScrollPane consumer(InvalidationViewModel m) {
        Label state = new Label();
        state.setId("inval-state");
        state.getStyleClass().add(Styles.SERVER_STATE);
        state.textProperty().bind(m.stateProperty().map(s -> "consumer: " + s));
        m.stateLevelProperty().addListener((obs, old, level) -> level(state, level));
        level(state, m.stateLevelProperty().get());
        Label detail = new Label();
        detail.setId("inval-state-detail");
        detail.getStyleClass().add(Styles.MUTED);
        detail.textProperty().bind(m.stateDetailProperty());
        detail.setWrapText(true);
        detail.visibleProperty().bind(m.stateDetailProperty().isNotEmpty());
        detail.managedProperty().bind(detail.visibleProperty());
        HBox bar = new HBox(8, state,
                button("Start", "inval-start", m::start, m.canStartProperty(), "join the group and invalidate"),
                button("Stop", "inval-stop", m::stop, m.canStopProperty(), "commit what was processed, leave the group"),
                button("Pause", "inval-pause", m::pause, m.canPauseProperty(),
                        "pause every partition; the consumer stays in the group"),
                button("Resume", "inval-resume", m::resume, m.canResumeProperty(), "resume the partitions"),
                button("Reset counters", "inval-reset", m::resetCounters, null, "set every counter and trend to zero"));
        bar.setAlignment(Pos.CENTER_LEFT);

        Label lagError = new Label();
        lagError.setId("inval-lag-error");
        lagError.getStyleClass().add(Styles.STATE_BAD);
        lagError.textProperty().bind(m.lagErrorProperty());
        lagError.visibleProperty().bind(m.lagErrorProperty().isNotEmpty());
        lagError.managedProperty().bind(lagError.visibleProperty());

        TableView<PartitionRow> partitions = new TableView<>(m.partitions());
        partitions.setId("inval-partitions");
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        partitions.getColumns().add(col("partition", r -> r.partition() + (r.here() ? " *" : ""),
                "* = owned by this console's consumer"));
        partitions.getColumns().add(col("end offset", PartitionRow::endOffset, "log-end offset (Admin API)"));
        partitions.getColumns().add(col("committed", PartitionRow::committed, "the group's committed offset"));
        partitions.getColumns().add(col("lag", r -> r.lag() == InvalidationViewModel.UNKNOWN_LAG ? "?"
                : Long.toString(r.lag()), "end offset - committed offset"));
        partitions.getColumns().add(col("time lag", PartitionRow::timeLag,
                "now - timestamp of the oldest unconsumed record"));
        partitions.getColumns().add(col("status", PartitionRow::status, InvalidationViewModel.STATUS_RULE));
        partitions.getColumns().add(col("processed", PartitionRow::processed, "records handled by this console"));
        partitions.getColumns().add(col("deleted", PartitionRow::deleted, "keys deleted by this console"));
        partitions.getColumns().add(col("duplicates", PartitionRow::duplicates, "redeliveries seen by this console"));
        partitions.getColumns().add(col("malformed", PartitionRow::malformed, "records skipped as malformed"));
        partitions.setPrefHeight(265);
        Label rules = new Label(InvalidationViewModel.TIME_LAG_RULE + "\n" + InvalidationViewModel.STATUS_RULE);
        rules.setId("inval-rules");
        rules.setWrapText(true);
        rules.getStyleClass().add(Styles.MUTED);
        VBox left = new VBox(6, partitions, rules);

        VBox charts = new VBox(4, new TrendChart("Total lag (records), last 15 min", "records", m.lagTrend(),
                m.trendNowProperty()),
                new TrendChart("Events processed per second, last 15 min", "events/s", m.rateTrend(),
                        m.trendNowProperty()));
        SplitPane middle = new SplitPane(left, charts);
        middle.setDividerPositions(0.62);

        TableView<EventRow> recent = new TableView<>(m.recentEvents());
        recent.setId("inval-recent");
        recent.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        recent.getColumns().add(col("time", EventRow::time, null));
        recent.getColumns().add(col("partition/offset", EventRow::position, null));
        recent.getColumns().add(col("key", EventRow::key, null));
        recent.getColumns().add(col("action", EventRow::action, null));
        recent.getColumns().add(col("result", EventRow::result, "deleted, absent, duplicate, malformed or error"));
        recent.getColumns().add(col("detail", EventRow::detail, "why a record was malformed"));
        recent.setPrefHeight(220);
        Label recentTitle = new Label("Last events processed (newest first, at most " + InvalidationViewModel.RECENT_ROWS + ")");
        recentTitle.getStyleClass().add(Styles.INVAL_SECTION);

        VBox content = new VBox(10, bar, detail, new CounterTiles(m), lagError, middle, recentTitle, recent);
        content.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static void level(Label label, String level) {
        label.getStyleClass().removeAll(Styles.STATE_CLASSES);
        label.getStyleClass().add(switch (level) {
            case "ok" -> Styles.STATE_OK;
            case "warn" -> Styles.STATE_WARN;
            case "bad" -> Styles.STATE_BAD;
            default -> Styles.STATE_IDLE;
        });
    }

    static Button button(String text, String id, Runnable action, ObservableValue<Boolean> enabled, String help) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        if (enabled != null) {
            b.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !enabled.getValue(), enabled));
        }
        if (help != null) {
            b.setTooltip(new Tooltip(help));
        }
        return b;
    }

    private static <R, T> TableColumn<R, T> col(String title, Function<R, T> value, String help) {
        TableColumn<R, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        if (help != null) {
            Label header = new Label(title);
            header.setTooltip(new Tooltip(help));
            c.setText("");
            c.setGraphic(header);
            c.setMinWidth(title.length() * 9 + 34); // the header must stay readable
        }
        return c;
    }
}
