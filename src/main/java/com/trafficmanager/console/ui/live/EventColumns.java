package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.stream.TailEvent;
import com.trafficmanager.console.ui.common.Styles;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * The live table's columns: a warning mark, offset, timestamp, key, action, tenant, service, env,
 * version, URL, event id, size. A malformed record shows "malformed" as its action and its raw value
 * where the URL would be, so it can be read at a glance; the row carries a warning style.
 */
final class EventColumns {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private EventColumns() {
    }

    static void install(TableView<TailEvent> table) {
        table.getColumns().add(column("", 28, e -> e.malformed() ? "\u26a0" : ""));
        table.getColumns().add(column("P", 36, e -> Integer.toString(e.partition())));
        table.getColumns().add(column("Offset", 80, e -> Long.toString(e.offset())));
        table.getColumns().add(column("Timestamp (UTC)", 200, e -> TIME.format(Instant.ofEpochMilli(e.timestamp()))));
        table.getColumns().add(column("Key", 200, e -> e.key() == null ? "(no key)" : e.key()));
        table.getColumns().add(column("Action", 90, e -> e.malformed() ? "malformed" : e.event().action().wireName()));
        table.getColumns().add(column("Tenant", 90, e -> field(e, RouteChangedEvent::tenant)));
        table.getColumns().add(column("Service", 90, e -> field(e, RouteChangedEvent::service)));
        table.getColumns().add(column("Env", 60, e -> field(e, RouteChangedEvent::env)));
        table.getColumns().add(column("Version", 60, e -> field(e, RouteChangedEvent::version)));
        table.getColumns().add(column("URL", 240, e -> e.malformed() ? raw(e) : e.event().url()));
        table.getColumns().add(column("Event id", 270, e -> e.malformed() ? "" : e.event().eventId().toString()));
        table.getColumns().add(column("Size", 60, e -> Integer.toString(e.size())));
        table.getColumns().forEach(c -> c.setSortable(false)); // the order is the stream's
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(TailEvent item, boolean empty) {
                super.updateItem(item, empty);
                boolean bad = !empty && item != null && item.malformed();
                if (bad != getStyleClass().contains(Styles.LIVE_MALFORMED)) {
                    if (bad) {
                        getStyleClass().add(Styles.LIVE_MALFORMED);
                    } else {
                        getStyleClass().remove(Styles.LIVE_MALFORMED);
                    }
                }
            }
        });
    }

    private static String field(TailEvent e, Function<RouteChangedEvent, String> f) {
        return e.malformed() ? "" : f.apply(e.event());
    }

    private static String raw(TailEvent e) {
        String text = e.rawValue() == null ? "(null value)" : e.valueText();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static TableColumn<TailEvent, String> column(String title, double width, Function<TailEvent, String> value) {
        TableColumn<TailEvent, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue() == null ? "" : value.apply(cd.getValue())));
        return c;
    }
}
