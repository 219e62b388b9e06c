package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Burrow's rules on synthetic windows: samples 1 s apart, commit times given explicitly. */
class BurrowEvaluatorTest {
    private static final long T0 = 1_700_000_000_000L;

    /** committed[i], end[i] at T0 + i s, each committed at the sample's time unless commitTimes says otherwise. */
    private static List<OffsetSample> window(long[] committed, long[] end, long[] commitTimes) {
        List<OffsetSample> w = new ArrayList<>();
        for (int i = 0; i < committed.length; i++) {
            long t = T0 + i * 1000L;
            w.add(new OffsetSample(committed[i], end[i], commitTimes == null ? t : commitTimes[i], t));
        }
        return w;
    }

    private static long now(int samples) {
        return T0 + (samples - 1) * 1000L;
    }

    @Test
    void okWhenTheLagFallsToZeroInTheWindow() {
        List<OffsetSample> w = window(new long[] {10, 20, 30, 40}, new long[] {40, 40, 40, 40}, null);
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.OK);
    }

    @Test
    void okWhenOffsetsMoveAndTheLagFallsSomewhere() {
        List<OffsetSample> w = window(new long[] {10, 20, 30, 40}, new long[] {50, 65, 70, 80}, null);
        // lags 40, 45, 40, 40: it fell once
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.OK);
    }

    @Test
    void warnWhenOffsetsMoveButTheLagNeverFalls() {
        List<OffsetSample> w = window(new long[] {10, 20, 30, 40}, new long[] {20, 32, 44, 60}, null);
        // lags 10, 12, 14, 20
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.WARN);
    }

    @Test
    void stallWhenTheOffsetIsStuckWithLagWhileCommitsGoOn() {
        long[] commitTimes = {T0, T0 + 1000, T0 + 2000, T0 + 3000}; // re-committed every second, same offset
        List<OffsetSample> w = window(new long[] {30, 30, 30, 30}, new long[] {50, 55, 60, 60}, commitTimes);
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.STALL);
    }

    @Test
    void stopWhenNoCommitCameForLongerThanTheWindowSpans() {
        long lastCommit = T0 - 10_000; // span is 3 s; the last commit is 13 s old at the newest sample
        long[] commitTimes = {lastCommit, lastCommit, lastCommit, lastCommit};
        List<OffsetSample> w = window(new long[] {30, 30, 30, 30}, new long[] {50, 55, 60, 60}, commitTimes);
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.STOP);
    }

    @Test
    void rewindWhenTheCommittedOffsetGoesBack() {
        List<OffsetSample> w = window(new long[] {30, 40, 5, 15}, new long[] {50, 50, 50, 50}, null);
        assertThat(BurrowEvaluator.evaluate(w, now(4), 0)).isEqualTo(LagStatus.REWIND);
    }

    @Test
    void aFillingWindowIsJudgedAgainstItsFullLengthSoAConsumerCommittingEveryFewSecondsIsNotStop() {
        // two samples a second apart; the consumer, paused while Redis is down, commits every 3 s
        long lastCommit = T0 - 2_000;
        List<OffsetSample> w = window(new long[] {30, 30}, new long[] {60, 60}, new long[] {lastCommit, lastCommit});
        assertThat(BurrowEvaluator.evaluate(w, now(2), 19_000)).isEqualTo(LagStatus.STALL);
        assertThat(BurrowEvaluator.evaluate(w, now(2) + 20_000, 19_000)).as("no commit for longer than the full window")
                .isEqualTo(LagStatus.STOP);
    }

    @Test
    void okWithTooFewSamplesToJudge() {
        List<OffsetSample> w = window(new long[] {30}, new long[] {90}, new long[] {T0 - 60_000});
        assertThat(BurrowEvaluator.evaluate(w, now(1), 0)).isEqualTo(LagStatus.OK);
    }

    @Test
    void theGroupStatusIsTheWorstPartitionStatus() {
        assertThat(LagStatus.OK.worse(LagStatus.WARN)).isEqualTo(LagStatus.WARN);
        assertThat(LagStatus.STOP.worse(LagStatus.WARN)).isEqualTo(LagStatus.STOP);
        assertThat(LagStatus.REWIND.worse(LagStatus.STALL)).isEqualTo(LagStatus.STALL);
    }

    @Test
    void aWindowWithoutCommitTimesUsesWhenTheOffsetWasFirstSeen() {
        PartitionWindow window = new PartitionWindow(4, 0);
        LagStatus s = LagStatus.OK;
        for (int i = 0; i < 4; i++) {
            s = window.add(30, 60, -1, T0 + i * 1000L);
        }
        // unchanged since the first sample 3 s ago, span 3 s: not longer than the span, so STALL not STOP
        assertThat(s).isEqualTo(LagStatus.STALL);
        assertThat(window.add(30, 60, -1, T0 + 10_000L)).isEqualTo(LagStatus.STOP);
    }

    @Test
    void commitsOfAConsoleWhoseClockIsBehindAreTimedWhenSeenSoTheyAreNotStop() {
        PartitionWindow window = new PartitionWindow(20, 19_000);
        long skew = 60_000; // the committing workstation's clock is a minute behind this one
        LagStatus s = LagStatus.OK;
        for (int i = 0; i < 20; i++) {
            long now = T0 + i * 1000L;
            s = window.add(100 + i * 10, 5_000 + i * 20, now - skew, now); // a commit a second, lag growing
            assertThat(s).as("sample %d", i).isNotEqualTo(LagStatus.STOP);
        }
        assertThat(s).isEqualTo(LagStatus.WARN);
        // the same console re-commits its offset with a new time (still a minute off): alive, not STOP
        long now = T0 + 20_000;
        window.add(290, 5_420, now - skew, now);
        assertThat(window.add(290, 5_440, now + 1000 - skew, now + 1000)).isEqualTo(LagStatus.WARN);
        // then nothing more comes: STOP once longer than the window spans, on this machine's clock
        LagStatus later = LagStatus.OK;
        for (int i = 2; i <= 21; i++) {
            later = window.add(290, 5_440 + i * 20, now + 1000 - skew, now + i * 1000L);
        }
        assertThat(later).isEqualTo(LagStatus.STOP);
    }

    @Test
    void afterAGapInTheReadsAConsumerThatDiedMeanwhileIsStopWithinTheWindowsLength() {
        PartitionWindow window = new PartitionWindow(20, 19_000);
        for (int i = 0; i < 20; i++) {
            window.add(100 + i * 10, 300 + i * 10, T0 + i * 1000L, T0 + i * 1000L); // keeps up, lag 200
        }
        window.gap(); // Kafka away for two minutes; the consumer died at its last commit (offset 290)
        long back = T0 + 140_000;
        long lastCommit = T0 + 19_000; // its metadata's time, read again after the gap
        assertThat(window.add(290, 700, lastCommit, back)).as("one sample: nothing to judge").isEqualTo(LagStatus.OK);
        assertThat(window.add(290, 720, lastCommit, back + 1000)).as("no commit for two minutes")
                .isEqualTo(LagStatus.STOP);
    }
}
