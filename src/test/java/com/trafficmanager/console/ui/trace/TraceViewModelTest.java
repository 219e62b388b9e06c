package com.trafficmanager.console.ui.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.trace.Hop;
import com.trafficmanager.console.trace.HopRecord;
import com.trafficmanager.console.trace.OverdueHops;
import com.trafficmanager.console.trace.TraceBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The trace timeline's view model, driven without the JavaFX toolkit (the UI executor runs inline). */
class TraceViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final TraceBook book = new TraceBook(10, Clock.systemUTC());
    private final AtomicReference<OverdueHops.Context> context =
            new AtomicReference<>(new OverdueHops.Context(t0, true, 0, true));
    private final TraceViewModel model = new TraceViewModel(book, context::get, Runnable::run);

    @Test
    void followsOneChangeAsItsHopsArriveAndIgnoresOthers() {
        UUID id = UUID.randomUUID();
        book.committed(id, "team-a:payments:prod:v2", "activated", 4, t0, "row_version 4");
        model.follow(id);
        assertThat(model.titleProperty().get()).startsWith("Trace of activated team-a/payments/prod/v2 (event ");
        assertThat(model.rows()).hasSize(5);
        assertThat(model.rows().get(1).state()).isEqualTo(TraceRow.State.WAITING);

        book.committed(UUID.randomUUID(), "other:svc:dev:v1", "created", 1, t0, "");
        assertThat(model.titleProperty().get()).contains("team-a/payments/prod/v2");

        book.published(id, 3, HopRecord.seen(t0.plusMillis(15), "partition 3, offset 17"));
        assertThat(model.rows().get(1)).extracting(TraceRow::detail, TraceRow::latency, TraceRow::state)
                .containsExactly("partition 3, offset 17", "+15 ms", TraceRow.State.DONE);
        book.hop(id, Hop.PROCESSED, HopRecord.notWitnessed("not witnessed: another console's consumer"));
        assertThat(model.rows().get(3).state()).isEqualTo(TraceRow.State.NOT_WITNESSED);
        book.hop(id, Hop.CACHE_VERIFIED, HopRecord.seen(t0.plusMillis(40), "key absent"));
        assertThat(model.titleProperty().get()).endsWith(": complete");
    }

    @Test
    void aLateHopIsFlaggedWithItsReason() {
        UUID id = UUID.randomUUID();
        book.committed(id, "k:s:prod:v1", "deactivated", 2, t0, "");
        model.follow(id);
        assertThat(model.warningProperty().get()).isEmpty();
        context.set(new OverdueHops.Context(t0.plusSeconds(8), false, 12, true));
        model.tick();
        assertThat(model.warningProperty().get()).isEqualTo("not published after 5 s: Kafka unreachable, backlog 12");
    }

    @Test
    void aFailedLookupSaysWhatFailedUntilATraceArrives() {
        UUID id = UUID.randomUUID();
        model.lookingUp(id);
        assertThat(model.titleProperty().get()).isEqualTo("Trace of event " + id + ": reading it from the database...");
        model.lookupFailed(id, "Connection is not available, request timed out after 30000ms");
        model.tick();
        assertThat(model.titleProperty().get()).as("kept while the window ticks").isEqualTo("Trace of event " + id
                + ": could not read the trace: Connection is not available, request timed out after 30000ms");
        assertThat(model.rows()).isEmpty();

        book.committed(id, "k:s:prod:v1", "updated", 2, t0, "row_version 2"); // say, the commit's own record
        assertThat(model.titleProperty().get()).startsWith("Trace of updated k/s/prod/v1");
        assertThat(model.rows()).hasSize(5);
    }

    @Test
    void anEventWhoseOutboxRowIsGoneIsSaidToBeNoLongerTraceable() {
        UUID id = UUID.randomUUID();
        model.untraceable(id);
        model.tick();
        assertThat(model.titleProperty().get()).startsWith("Trace of event " + id + ": can no longer be traced:")
                .doesNotContain("has no trace");
    }

    @Test
    void latencyReadsInMillisecondsThenSeconds() {
        assertThat(TraceViewModel.latency(Duration.ofMillis(7))).isEqualTo("+7 ms");
        assertThat(TraceViewModel.latency(Duration.ofMillis(2_340))).isEqualTo("+2.3 s");
    }

    @Test
    void anOlderVersionNotifiedLastDoesNotReplaceTheNewerOne() throws Exception {
        TraceBook racing = new TraceBook(10, Clock.systemUTC());
        UUID id = UUID.randomUUID();
        racing.committed(id, "k:s:prod:v1", "updated", 2, t0, "row_version 2");
        CountDownLatch relayHeld = new CountDownLatch(1);
        CountDownLatch consumerReported = new CountDownLatch(1);
        Thread relay = new Thread(() -> racing.published(id, 3, HopRecord.seen(t0.plusMillis(10),
                "partition 3, offset 17")), "relay-callback");
        // registered before the view model's listener: holds the relay's thread after the book's update and
        // before the view model hears of it, as a thread preempted there would be
        racing.addListener(trace -> {
            if (Thread.currentThread() == relay) {
                relayHeld.countDown();
                awaitQuietly(consumerReported);
            }
        });
        TraceViewModel m = new TraceViewModel(racing, context::get, Runnable::run);
        m.follow(id);

        relay.start();
        Eventually.await("the relay's publish in the book, its notification held", WAIT,
                () -> relayHeld.getCount() == 0);
        racing.hop(id, Hop.PROCESSED, HopRecord.seen(t0.plusMillis(30), "deleted (partition 3, offset 17)"));
        assertThat(m.rows().get(3).detail()).isEqualTo("deleted (partition 3, offset 17)");
        consumerReported.countDown(); // now the relay's older version (published, not processed) is notified
        relay.join(WAIT.toMillis());
        assertThat(relay.isAlive()).as("the relay's report is done").isFalse();

        assertThat(m.rows().get(1).detail()).isEqualTo("partition 3, offset 17");
        assertThat(m.rows().get(3)).as("the processed hop stays shown").extracting(TraceRow::detail, TraceRow::state)
                .containsExactly("deleted (partition 3, offset 17)", TraceRow.State.DONE);
        m.close();
    }

    @Test
    void aBurstOfHopsIsOneUpdateOfTheUiThread() {
        List<Runnable> uiThread = new ArrayList<>();
        TraceViewModel m = new TraceViewModel(book, context::get, uiThread::add);
        UUID id = UUID.randomUUID();
        book.committed(id, "k:s:prod:v1", "updated", 2, t0, "row_version 2");
        m.follow(id);
        book.published(id, 1, HopRecord.seen(t0.plusMillis(5), "partition 1, offset 4"));
        for (int i = 0; i < 50; i++) { // say, a consumer that sees the event again and again
            book.hop(id, Hop.PROCESSED, HopRecord.seen(t0.plusMillis(20 + i), "duplicate " + i));
        }
        assertThat(uiThread).as("one update queued for 51 hops").hasSize(1);
        uiThread.remove(0).run();
        assertThat(m.rows().get(1).detail()).isEqualTo("partition 1, offset 4");
        assertThat(m.rows().get(3).detail()).isEqualTo("duplicate 49");

        book.hop(id, Hop.CACHE_VERIFIED, HopRecord.seen(t0.plusMillis(90), "key absent"));
        assertThat(uiThread).as("a hop after that update queues the next one").hasSize(1);
        uiThread.remove(0).run();
        assertThat(m.titleProperty().get()).endsWith(": complete");
        m.close();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for the consumer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
