package com.trafficmanager.console.ui.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.DatabaseOutage;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import com.trafficmanager.console.trace.TraceLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Show trace on the real sandbox database: what the window says when the trace cannot be read or rebuilt. */
class TraceWindowTest {
    /** The lookup reads as a role of its own, whose logins the outage test takes away. */
    private final DatabaseOutage database = DatabaseOutage.newRole("trace_window");
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final TraceBook book = new TraceBook(10, Clock.systemUTC());
    private final TraceWindow window = new TraceWindow(null, book,
            new TraceLookup(database.dataSource(), book),
            () -> new OverdueHops.Context(Instant.now(), true, 0, true), background);

    @BeforeAll
    static void toolkit() throws Exception {
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
        database.close();
    }

    @Test
    void aLookupThatFailsSaysWhatFailedNotThatThereIsNoTrace() throws Exception {
        database.down(); // the real server refuses the lookup's logins
        UUID id = UUID.randomUUID();
        WaitForAsyncUtils.asyncFx(() -> window.show(id)).get();
        awaitTitle(id, "could not read the trace: ");
    }

    @Test
    void anEventWithoutAnOutboxRowIsSaidToBeNoLongerTraceable() throws Exception {
        UUID id = UUID.randomUUID();
        WaitForAsyncUtils.asyncFx(() -> window.show(id)).get();
        awaitTitle(id, "can no longer be traced");
    }

    private static void awaitTitle(UUID id, String part) {
        Eventually.await("the trace window of " + id + " to say '" + part + "'", Duration.ofSeconds(60),
                () -> title(id).contains(part));
    }

    /** The title line of the window opened for the event ("" while there is none), read on the FX thread. */
    private static String title(UUID id) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                    .filter(w -> w instanceof Stage s && ("Trace of event " + id).equals(s.getTitle()))
                    .map(w -> ((Label) w.getScene().lookup("#trace-title")).getText())
                    .findFirst().orElse("")).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
