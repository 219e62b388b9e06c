package com.trafficmanager.console.ui.trace;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

/**
 * Adds "Show trace" to a table whose rows are changes (route history, audit log, live events), so an
 * operator can follow any change from where they see it. Rows without an event id disable the item.
 */
public final class TraceMenu {
    private TraceMenu() {
    }

    public static <T> void install(TableView<T> table, Function<T, String> eventId, Consumer<UUID> showTrace) {
        MenuItem show = new MenuItem("Show trace");
        show.setId(table.getId() + "-show-trace");
        show.setOnAction(e -> selectedEventId(table, eventId).ifPresent(showTrace));
        ContextMenu menu = new ContextMenu(show);
        menu.setOnShowing(e -> show.setDisable(selectedEventId(table, eventId).isEmpty()));
        table.setContextMenu(menu);
    }

    private static <T> Optional<UUID> selectedEventId(TableView<T> table, Function<T, String> eventId) {
        T row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(eventId.apply(row).trim()));
        } catch (RuntimeException notAnId) {
            return Optional.empty();
        }
    }
}
