package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import java.util.Optional;

/**
 * The questions the view model asks the operator, answered by dialogs in the view (and by plain lambdas
 * in tests). Called on the JavaFX thread; each call may block in a nested event loop (showAndWait)
 * until the operator answers.
 */
public interface RoutesPrompts {
    /** True to go ahead. */
    boolean confirm(Confirmation confirmation);

    /** Shows the conflict; true when the operator asks to reload. */
    boolean conflict(ConflictReport report);

    /**
     * The new URL for the route, the field filled with {@code proposed} (the operator's own URL again
     * after a conflict and a reload), or empty when cancelled.
     */
    Optional<String> editUrl(Route route, String proposed);
}
