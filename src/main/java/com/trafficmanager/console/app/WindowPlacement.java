package com.trafficmanager.console.app;

import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the window was and how big: put back on start when that place is still on a screen (a monitor
 * unplugged since would leave it out of sight), read again on close to be saved. JavaFX thread only.
 */
final class WindowPlacement {
    private WindowPlacement() {
    }

    /** Places {@code stage} as {@code saved} says, or centred when that place is on no screen now. */
    static void apply(Stage stage, UiPreferences saved) {
        if (saved.hasPosition() && onSomeScreen(saved.x(), saved.y())) {
            stage.setX(saved.x());
            stage.setY(saved.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(saved.maximized());
    }

    /** The placement now, with {@code saved}'s theme; a maximized window keeps the size it had before. */
    static UiPreferences read(Stage stage, UiPreferences saved) {
        return stage.isMaximized()
                ? new UiPreferences(saved.x(), saved.y(), saved.width(), saved.height(), true, saved.dark())
                : new UiPreferences(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false,
                        saved.dark());
    }

    private static boolean onSomeScreen(double x, double y) {
        return Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch((Rectangle2D b) -> b.contains(x + 40, y + 20));
    }
}
