package com.trafficmanager.console.ui.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.invalidation.ConsumerState;
import com.trafficmanager.console.invalidation.CounterSnapshot;
import com.trafficmanager.console.invalidation.Counts;
import com.trafficmanager.console.invalidation.GroupLag;
import com.trafficmanager.console.invalidation.InvalidationSnapshot;
import com.trafficmanager.console.invalidation.LagStatus;
import com.trafficmanager.console.invalidation.Outcome;
import com.trafficmanager.console.invalidation.PartitionLag;
import com.trafficmanager.console.invalidation.ProcessedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The tab's view model without JavaFX: snapshots in, bounded rows and enabled commands out. */
class InvalidationViewModelTest {
    private final List<String> calls = new ArrayList<>();

    private final InvalidationControls controls = new InvalidationControls() {
        @Override public void start() { calls.add("start"); }
        @Override public void stop() { calls.add("stop"); }
        @Override public void pause() { calls.add("pause"); }
        @Override public void resume() { calls.add("resume"); }
        @Override public void resetCounters() { calls.add("reset"); }
        @Override public boolean consumeAllowed() { return true; }
        @Override public boolean faultsAvailable() { return true; }
        @Override public void crashAfterProcessing() { calls.add("crash"); }
        @Override public void redisOutage(Duration length) { calls.add("outage " + length.toSeconds()); }
    };

    // the inspector's part has tests of its own (CacheInspectorModelTest); nothing here reaches Redis
    private final InvalidationViewModel model = new InvalidationViewModel(controls,
            new CacheInspectorModel(null, null, Runnable::run, Runnable::run), Runnable::run, Runnable::run);

    private static InvalidationSnapshot snapshot(Instant at, ConsumerState state, int recentEvents) {
        return snapshot(at, state, recentEvents, state == ConsumerState.PAUSED, false, -1);
    }

    private static InvalidationSnapshot snapshot(Instant at, ConsumerState state, int recentEvents,
                                                 boolean pauseRequested, boolean crashArmed, int lastCrashUncommitted) {
        TreeMap<Integer, Counts> byPartition = new TreeMap<>();
        byPartition.put(0, new Counts(10, 7, 1, 2, 0, 0, 3));
        byPartition.put(1, new Counts(5, 4, 0, 0, 1, 0, 2));
        CounterSnapshot counters = new CounterSnapshot(byPartition, new Counts(15, 11, 1, 2, 1, 3, 5), 4, 1);
        GroupLag lag = new GroupLag(at, List.of(new PartitionLag(0, 100, 90, 10, 65_000, 1),
                new PartitionLag(1, 50, -1, 50, -1, -1)), 60, 50, 65_000);
        List<ProcessedEvent> recent = new ArrayList<>();
        for (int i = 0; i < recentEvents; i++) {
            recent.add(new ProcessedEvent(0, i, "t:s:e:v1", "id-" + i, "updated", Outcome.DELETED, "", at));
        }
        return new InvalidationSnapshot(at, state, "", Set.of(0), counters, 1234.5, lag, null,
                Map.of(0, LagStatus.WARN, 1, LagStatus.STOP), LagStatus.STOP, recent, crashArmed, lastCrashUncommitted,
                pauseRequested);
    }

    @Test
    void aSnapshotFillsCountersPartitionRowsAndStatus() {
        model.apply(snapshot(Instant.parse("2026-01-01T10:00:00Z"), ConsumerState.RUNNING, 3));
        assertThat(model.processedProperty().get()).isEqualTo(15);
        assertThat(model.duplicatesProperty().get()).isEqualTo(2);
        assertThat(model.errorsProperty().get()).isEqualTo(3);
        assertThat(model.retriesProperty().get()).isEqualTo(4);
        assertThat(model.commitsProperty().get()).isEqualTo(5);
        assertThat(model.rateProperty().get()).isEqualTo("1,235/s");
        assertThat(model.totalLagProperty().get()).isEqualTo(60);
        assertThat(model.maxTimeLagProperty().get()).isEqualTo("1 m 05 s");
        assertThat(model.groupStatusProperty().get()).isEqualTo("STOP");
        assertThat(model.partitions()).containsExactly(
                new PartitionRow(0, 100, "90", 10, "1 m 05 s", "WARN", 10, 7, 2, 0, true),
                new PartitionRow(1, 50, "-", 50, "?", "STOP", 5, 4, 0, 1, false));
        assertThat(model.recentEvents()).extracting(EventRow::position).containsExactly("0/2", "0/1", "0/0");
        assertThat(model.stateLevelProperty().get()).isEqualTo("ok");
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.canPauseProperty().get()).isTrue();
    }

    @Test
    void aListenerOnATrendOutlivesAGarbageCollection() {
        // as the trend chart listens: to the list the model hands out, holding nothing else of it
        java.util.concurrent.atomic.AtomicInteger lagChanges = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger rateChanges = new java.util.concurrent.atomic.AtomicInteger();
        model.lagTrend().addListener((javafx.collections.ListChangeListener<TrendPoint>) c -> lagChanges.incrementAndGet());
        model.rateTrend().addListener((javafx.collections.ListChangeListener<TrendPoint>) c -> rateChanges.incrementAndGet());
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        model.apply(snapshot(Instant.parse("2026-01-01T10:00:00Z"), ConsumerState.RUNNING, 0));
        assertThat(lagChanges.get()).as("the lag chart still hears of new points").isPositive();
        assertThat(rateChanges.get()).as("the rate chart still hears of new points").isPositive();
    }

    @Test
    void listsAndTrendsStayBounded() {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        for (int i = 0; i < 1_200; i++) {
            model.apply(snapshot(t0.plusSeconds(i), ConsumerState.RUNNING, 300));
        }
        assertThat(model.recentEvents()).hasSize(InvalidationViewModel.RECENT_ROWS);
        assertThat(model.lagTrend()).hasSizeLessThanOrEqualTo(InvalidationViewModel.MAX_TREND_POINTS);
        double newest = model.lagTrend().get(model.lagTrend().size() - 1).epochSeconds();
        assertThat(model.lagTrend().get(0).epochSeconds()).isGreaterThanOrEqualTo(newest - 15 * 60);
        assertThat(model.rateTrend()).hasSizeLessThanOrEqualTo(InvalidationViewModel.MAX_TREND_POINTS);
    }

    @Test
    void commandsFollowTheConsumerState() {
        model.apply(snapshot(Instant.now(), ConsumerState.STOPPED, 0));
        assertThat(model.canStartProperty().get()).isTrue();
        assertThat(model.canStopProperty().get()).isFalse();
        model.start();
        model.apply(snapshot(Instant.now(), ConsumerState.PAUSED, 0));
        assertThat(model.canResumeProperty().get()).isTrue();
        assertThat(model.canPauseProperty().get()).isFalse();
        model.resume();
        model.resetCounters();
        assertThat(calls).containsExactly("start", "resume", "reset");
        assertThat(model.lagTrend()).isEmpty();
    }

    @Test
    void theOutageLengthIsValidatedWithAMessageNamingTheField() {
        model.outageSecondsProperty().set("ten");
        model.redisOutage();
        assertThat(model.faultMessageProperty().get()).contains("outage seconds").contains("'ten'");
        model.outageSecondsProperty().set("0");
        model.redisOutage();
        assertThat(model.faultMessageProperty().get()).contains("from 1 to 600");
        assertThat(calls).isEmpty();
        model.outageSecondsProperty().set("7");
        model.redisOutage();
        assertThat(calls).containsExactly("outage 7");
        assertThat(model.faultMessageProperty().get()).contains("Redis is back after 7 s");
        assertThat(model.outageRunningProperty().get()).isFalse();
    }

    @Test
    void aLagReadFailureIsShownAndTheLastRowsStay() {
        model.apply(snapshot(Instant.now(), ConsumerState.RUNNING, 0));
        InvalidationSnapshot s = snapshot(Instant.now(), ConsumerState.RUNNING, 0);
        model.apply(new InvalidationSnapshot(s.at(), s.state(), "", s.assigned(), s.counters(), 0, null,
                "Kafka did not answer within 4000 ms", Map.of(), LagStatus.OK, List.of(), false, -1, false));
        assertThat(model.lagErrorProperty().get()).isEqualTo("lag unknown: Kafka did not answer within 4000 ms");
        assertThat(model.partitions()).hasSize(2);
        assertThat(model.totalLagProperty().get()).as("unknown, shown as ?").isEqualTo(-1);
        assertThat(model.groupStatusProperty().get()).isEqualTo("?");
        assertThat(model.partitions()).extracting(PartitionRow::status).containsOnly("?");
        assertThat(model.partitions()).extracting(PartitionRow::lag).as("not the last figures as if they were now's")
                .containsOnly(InvalidationViewModel.UNKNOWN_LAG);
    }

    @Test
    void whileTheLagIsUnknownTheChartsMoveOnWithTheClockAndDropWhatFellOutOfTheSpan() {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        model.apply(snapshot(t0, ConsumerState.RUNNING, 0));
        assertThat(model.lagTrend()).hasSize(1);
        Instant later = t0.plus(Duration.ofMinutes(20));
        InvalidationSnapshot s = snapshot(later, ConsumerState.RUNNING, 0);
        model.apply(new InvalidationSnapshot(later, s.state(), "", s.assigned(), s.counters(), 0, null,
                "Kafka did not answer within 4000 ms", Map.of(), LagStatus.OK, List.of(), false, -1, false));
        assertThat(model.lagTrend()).as("the lag of 20 minutes ago is out of the last 15").isEmpty();
        assertThat(model.trendNowProperty().get()).isEqualTo(later.getEpochSecond());
    }

    @Test
    void aPauseMadeWhileWaitingForRedisCanBeTakenBack() {
        model.apply(snapshot(Instant.now(), ConsumerState.WAITING_FOR_REDIS, 0, false, false, -1));
        assertThat(model.canPauseProperty().get()).isTrue();
        model.pause();
        model.apply(snapshot(Instant.now(), ConsumerState.WAITING_FOR_REDIS, 0, true, false, -1));
        assertThat(model.canResumeProperty().get()).as("Resume, though the state still says Redis").isTrue();
        assertThat(model.canPauseProperty().get()).isFalse();
        assertThat(model.stateDetailProperty().get()).contains("paused by the operator");
        model.resume();
        assertThat(calls).containsExactly("pause", "resume");
    }

    @Test
    void aCrashCanBeArmedOnlyOnARunningConsumerAndItsMessageGoesOnceItIsOver() {
        model.apply(snapshot(Instant.now(), ConsumerState.STOPPED, 0));
        assertThat(model.canInjectCrashProperty().get()).as("stopped: no batch would come").isFalse();
        model.crashAfterProcessing();
        assertThat(calls).isEmpty();

        model.apply(snapshot(Instant.now(), ConsumerState.RUNNING, 0));
        assertThat(model.canInjectCrashProperty().get()).isTrue();
        model.crashAfterProcessing();
        assertThat(calls).containsExactly("crash");
        model.apply(snapshot(Instant.now(), ConsumerState.RUNNING, 0, false, true, -1));
        assertThat(model.canInjectCrashProperty().get()).as("armed already").isFalse();
        assertThat(model.faultMessageProperty().get()).startsWith("armed");

        model.apply(snapshot(Instant.now(), ConsumerState.CRASHED, 0, false, false, 7));
        assertThat(model.faultMessageProperty().get()).startsWith("crashed with 7 events");
        model.apply(snapshot(Instant.now(), ConsumerState.RUNNING, 0, false, false, 7));
        assertThat(model.faultMessageProperty().get()).as("started again: done").isEmpty();
        assertThat(model.canInjectCrashProperty().get()).isTrue();
    }
}
