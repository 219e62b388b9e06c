package com.trafficmanager.console.ui.trace;

import com.trafficmanager.console.text.FailureText;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import com.trafficmanager.console.trace.TraceLookup;
import com.trafficmanager.console.ui.common.Styles;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the trace of any change in a window of its own: looks the change up (this console's trace, or
 * rebuilt from its outbox row) in the background, then shows the timeline filling in live. When the
 * lookup fails, or no outbox row is left to rebuild it from, the window says so rather than that this
 * console has no trace.
 */
public final class TraceWindow {
    private static final Logger LOG = LoggerFactory.getLogger(TraceWindow.class);

    private final Window owner;
    private final TraceBook book;
    private final TraceLookup lookup;
    private final Supplier<OverdueHops.Context> context;
    private final Executor background;

    public TraceWindow(Window owner, TraceBook book, TraceLookup lookup, Supplier<OverdueHops.Context> context,
                       Executor background) {
        this.owner = owner;
        this.book = book;
        this.lookup = lookup;
        this.context = context;
        this.background = background;
    }

    public void show(UUID eventId) {
        TraceViewModel model = new TraceViewModel(book, context, Platform::runLater);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Trace of event " + eventId);
        Scene scene = new Scene(new TraceView(model), 760, 320);
        scene.getStylesheets().add(TraceWindow.class.getResource(Styles.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.setOnHidden(e -> model.close());
        model.lookingUp(eventId);
        stage.show();
        background.execute(() -> {
            try {
                boolean found = lookup.load(eventId);
                Platform.runLater(() -> {
                    if (found) {
                        model.follow(eventId);
                    } else {
                        model.untraceable(eventId);
                    }
                });
            } catch (Exception e) {
                LOG.warn("could not look up the trace of event {}: {}", eventId, e.toString());
                String reason = FailureText.of(e);
                Platform.runLater(() -> model.lookupFailed(eventId, reason));
            }
        });
    }
}
