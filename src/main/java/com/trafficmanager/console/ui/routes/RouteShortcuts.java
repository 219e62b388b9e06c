package com.trafficmanager.console.ui.routes;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The Routes tab's keyboard shortcuts, in one list that both the key handler and the help view read,
 * so the help can never list a shortcut that does not work.
 */
final class RouteShortcuts {
    enum Command { NEW, FIND, ACTIVATE, DEACTIVATE, EDIT, DELETE, RELOAD, HELP }

    record Shortcut(Command command, KeyCombination keys, String description) {
    }

    static final List<Shortcut> ALL = List.of(
            new Shortcut(Command.NEW, new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                    "New route (opens the create form)"),
            new Shortcut(Command.FIND, new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                    "Find: jump to the filter box"),
            new Shortcut(Command.ACTIVATE, new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.SHIFT_DOWN), "Activate the selected routes"),
            new Shortcut(Command.DEACTIVATE, new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN,
                    KeyCombination.SHIFT_DOWN), "Deactivate the selected routes"),
            new Shortcut(Command.EDIT, new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN),
                    "Edit the URL of the selected route"),
            new Shortcut(Command.DELETE, new KeyCodeCombination(KeyCode.DELETE),
                    "Delete the selected inactive route (in the table)"),
            new Shortcut(Command.RELOAD, new KeyCodeCombination(KeyCode.F5), "Reload the routes now"),
            new Shortcut(Command.HELP, new KeyCodeCombination(KeyCode.F1), "This list of shortcuts"));

    private RouteShortcuts() {
    }

    static String text(Command command) {
        return ALL.stream().filter(s -> s.command() == command).findFirst().map(s -> s.keys().getDisplayText())
                .orElse("");
    }
}
