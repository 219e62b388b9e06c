package com.trafficmanager.console.ui.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.WritePathFixture;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import com.trafficmanager.console.trace.TraceLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Show trace on the real sandbox database: what the window says when the trace cannot be read or rebuilt. */
class TraceWindowTest {
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final TraceBook book = new TraceBook(10, Clock.systemUTC());
    private final TraceWindow window = new TraceWindow(null, book,
            new TraceLookup(flaky(WritePathFixture.database().dataSource()), book),
            () -> new OverdueHops.Context(Instant.now(), true, 0, true), background);

    @BeforeAll
    static void toolkit() throws Exception {
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    @Test
    void aLookupThatFailsSaysWhatFailedNotThatThereIsNoTrace() throws Exception {
        databaseDown.set(true);
        UUID id = UUID.randomUUID();
        WaitForAsyncUtils.asyncFx(() -> window.show(id)).get();
        awaitTitle(id, "could not read the trace: the database went away");
    }

    @Test
    void anEventWithoutAnOutboxRowIsSaidToBeNoLongerTraceable() throws Exception {
        UUID id = UUID.randomUUID();
        WaitForAsyncUtils.asyncFx(() -> window.show(id)).get();
        awaitTitle(id, "can no longer be traced");
    }

    private static void awaitTitle(UUID id, String part) {
        Eventually.await("the trace window of " + id + " to say '" + part + "'", Duration.ofSeconds(30),
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

    private DataSource flaky(DataSource real) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && databaseDown.get()) {
                        throw new java.sql.SQLException("the database went away");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
