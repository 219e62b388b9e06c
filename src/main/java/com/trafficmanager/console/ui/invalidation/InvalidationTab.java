package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.invalidation.InvalidationService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Node;

/**
 * Builds the Invalidation tab on a session's {@link InvalidationService}: the view model (with the cache inspector's part), the view,
 * and the one hand-over per sampling tick from the monitor's thread to the JavaFX thread.
 */
public final class InvalidationTab {
    private InvalidationTab() {
    }

    /** Call on the JavaFX thread. */
    public static Node create(InvalidationService service) {
        ExecutorService background = Executors.newCachedThreadPool(DaemonThreads.named("invalidation-ui-work"));
        CacheInspectorModel inspector = new CacheInspectorModel(service.inspector(), service.resolver(), background,
                Platform::runLater);
        InvalidationViewModel model = new InvalidationViewModel(InvalidationControls.of(service), inspector,
                background, Platform::runLater);
        service.monitor().onSnapshot(snapshot -> Platform.runLater(() -> model.apply(snapshot)));
        return new InvalidationView(model);
    }
}
