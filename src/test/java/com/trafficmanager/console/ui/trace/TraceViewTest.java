package com.trafficmanager.console.ui.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import com.trafficmanager.console.testing.HeadlessFx;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The trace view's lateness check ticks while its window shows, and stops when the window is closed. */
class TraceViewTest {

    @BeforeAll
    static void toolkit() throws Exception {
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aClosedTraceWindowStopsTicking() throws Exception {
        AtomicReference<TraceView> view = new AtomicReference<>();
        AtomicReference<Stage> window = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> {
            TraceViewModel model = new TraceViewModel(new TraceBook(10, Clock.systemUTC()),
                    () -> new OverdueHops.Context(Instant.now(), true, 0, true), Platform::runLater);
            Stage stage = new Stage(); // as TraceWindow opens one per Show trace
            view.set(new TraceView(model));
            stage.setScene(new Scene(view.get(), 400, 200));
            assertThat(view.get().ticking()).as("not shown yet").isFalse();
            stage.show();
            window.set(stage);
        }).get();
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.get().ticking()).get()).as("while shown").isTrue();

        WaitForAsyncUtils.asyncFx(() -> window.get().hide()).get();
        assertThat(WaitForAsyncUtils.asyncFx(() -> view.get().ticking()).get()).as("ticking after its window closed").isFalse();
    }
}
