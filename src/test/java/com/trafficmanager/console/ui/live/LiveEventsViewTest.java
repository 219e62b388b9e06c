package com.trafficmanager.console.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.stream.TailBatch;
import com.trafficmanager.console.stream.TailEvent;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.ShownText;
import com.trafficmanager.console.ui.common.Styles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Live events tab in a window of a small laptop's size (1280 x 800), headless: what an operator
 * reads there is not cut short. Every header of the partition overview shows its whole title, and the
 * live table shows whole timestamps (with seconds and milliseconds).
 */
class LiveEventsViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final FxRobot robot = new FxRobot();
    private final FakeSource source = new FakeSource();
    private LiveEventsView view;

    @BeforeAll
    static void toolkit() throws Exception {
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupFixture(() -> {
            if (view != null) {
                view.stop();
            }
        });
        FxToolkit.cleanupStages();
    }

    @Test
    void overviewHeadersAndTimestampsAreShownWhole() throws Exception {
        List<TailEvent> events = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            RouteChangedEvent e = RouteChangedEvent.of(EventIds.next(), Action.ACTIVATED, "team-c", "payments", "staging",
                    "v1", "https://payments.example.com", Instant.parse("2026-11-27T13:14:05.123Z"), "rita", "req-1", 2L);
            events.add(new TailEvent(p, 1_234_567_890L + p, e.occurredAt().toEpochMilli(), e.key(), EventCodec.encode(e), null));
        }
        source.queue.offer(TailBatch.events(events), 0);
        FxToolkit.setupStage(stage -> {
            view = new LiveEventsView(new LiveEventsModel(source, 100));
            Scene scene = new Scene(view, 1280, 800);
            scene.getStylesheets().add(LiveEventsViewTest.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            view.start();
        });
        FxToolkit.showStage();
        Eventually.await("the events in the live table", WAIT,
                () -> !robot.lookup("#live-events-table .table-cell").queryAllAs(TableCell.class).stream()
                        .filter(c -> "2026-11-27 13:14:05.123".equals(c.getText())).toList().isEmpty());

        Map<String, String> headers = ShownText.of(robot.lookup("#live-overview .column-header .label").queryAll());
        assertThat(headers).containsKeys("Partition", "End", "Events/s", "Buffered", "Malformed", "Committed", "Lag");
        headers.forEach((title, shown) -> assertThat(shown).as("the overview's '%s' header", title).isEqualTo(title));
        Map<String, String> timestamps = ShownText.of(robot.lookup("#live-events-table .table-cell").queryAll().stream()
                .filter(n -> "2026-11-27 13:14:05.123".equals(((TableCell<?, ?>) n).getText())).toList());
        assertThat(timestamps).containsEntry("2026-11-27 13:14:05.123", "2026-11-27 13:14:05.123");
    }

    @Test
    void aCancelledExportLeavesNoFile(@TempDir Path dir) throws Exception {
        List<TailEvent> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(new TailEvent(0, i, i, "k", "{}".getBytes(StandardCharsets.UTF_8), null));
        }
        // Counts the rows the exporter reads, so the test sees that the export really began writing and
        // stopped short of the end, rather than a Task cancelled before it ever ran.
        AtomicInteger rowsRead = new AtomicInteger();
        List<TailEvent> counted = new AbstractList<>() {
            @Override
            public TailEvent get(int index) {
                rowsRead.incrementAndGet();
                return events.get(index);
            }

            @Override
            public int size() {
                return events.size();
            }
        };
        CountDownLatch rowsAsked = new CountDownLatch(1);
        AtomicReference<Task<Long>> running = new AtomicReference<>();
        Task<Long> task = LiveExport.task(() -> {
            rowsAsked.countDown(); // call() runs: a cancel from here on is one the export must notice
            while (running.get() == null || !running.get().isCancelled()) {
                Thread.onSpinWait(); // the operator presses Cancel while the rows are worked out
            }
            return counted;
        }, dir.resolve("events.jsonl"));
        running.set(task);
        Thread exporting = new Thread(task, "export-under-test");
        exporting.start();
        assertThat(rowsAsked.await(30, TimeUnit.SECONDS)).as("the export's task asked for its rows").isTrue();
        task.cancel();
        exporting.join(30_000);
        assertThat(exporting.isAlive()).isFalse();
        assertThat(task.isCancelled()).isTrue();
        assertThat(rowsRead.get()).as("rows the exporter wrote before it saw the cancel")
                .isPositive().isLessThan(events.size());
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).as("neither the file nor its .part").isEmpty();
        }
    }
}
