package com.trafficmanager.console.ui.live;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The partition overview: one row per partition plus "All partitions", with end offset, events/s,
 * buffered, malformed, and the invalidation group's committed offset and lag ("-" when it has none).
 * Selecting a row selects what the live table shows.
 */
final class PartitionOverviewView extends TableView<PartitionRow> {

    PartitionOverviewView(LiveEventsModel model) {
        super(model.overview());
        setId("live-overview");
        setFixedCellSize(LiveEventsView.ROW_HEIGHT);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().add(column("Partition", 90, r -> Bindings.createStringBinding(r::label)));
        getColumns().add(column("End", 58, r -> Bindings.createStringBinding(
                () -> r.endOffsetProperty().get() < 0 ? "-" : Long.toString(r.endOffsetProperty().get()), r.endOffsetProperty())));
        getColumns().add(column("Events/s", 88, r -> Bindings.createStringBinding(() -> rate(r.rateProperty().get()),
                r.rateProperty())));
        getColumns().add(column("Buffered", 88, r -> r.bufferedProperty().asString()));
        getColumns().add(column("Malformed", 98, r -> Bindings.createStringBinding(() -> r.malformedProperty().get()
                + (r.uncheckedProperty().get() > 0 ? " (" + r.uncheckedProperty().get() + " unchecked)" : ""),
                r.malformedProperty(), r.uncheckedProperty())));
        getColumns().add(column("Committed", 100, r -> Bindings.createStringBinding(() -> dash(r.committedProperty().get()),
                r.committedProperty())));
        getColumns().add(column("Lag", 50, r -> Bindings.createStringBinding(() -> dash(r.lagProperty().get()), r.lagProperty())));
        getColumns().forEach(c -> c.setSortable(false));
        getSelectionModel().select(0);
        getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.select(row.isAll() ? null : row.partition());
            }
        });
    }

    private static String rate(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.1f", r);
    }

    private static String dash(Long v) {
        return v == null ? "-" : v.toString();
    }

    private static TableColumn<PartitionRow, String> column(String title, double width,
                                                            Function<PartitionRow, ObservableValue<String>> value) {
        TableColumn<PartitionRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(36);
        c.setCellValueFactory(cd -> value.apply(cd.getValue()));
        return c;
    }
}
