package com.trafficmanager.console.invalidation;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code size} samples of one partition, for {@link BurrowEvaluator}. A commit's time is when this
 * sampler first saw it (its offset, or the time in its metadata, changed), on this machine's clock: the
 * time in the metadata is the committing console's clock, and consoles on other workstations whose clocks
 * are some seconds off would otherwise read as STOP while they commit every batch. Only the commit found
 * at the first sample takes the time its metadata gives (no later than now), as it came before the
 * sampler; commits that carry no time (other tools) take the sample's. Used by the sampling thread only.
 */
final class PartitionWindow {
    private final int size;
    private final long fullSpanMs;
    private final ArrayDeque<OffsetSample> samples;
    private long lastReportedCommitMs = -1; // the metadata's time at the last sample, to tell a new commit
    private OffsetSample lastBeforeGap; // the newest sample before a gap() cleared them

    /** @param fullSpanMs how long the full window spans (size - 1 ticks): STOP is judged against it while it fills */
    PartitionWindow(int size, long fullSpanMs) {
        this.size = size;
        this.fullSpanMs = fullSpanMs;
        this.samples = new ArrayDeque<>(size);
    }

    /**
     * A lag read failed (Kafka away): the samples before it say nothing about how the partition moves now,
     * and a window spanning the outage would hold STOP back by its length. They go; the last commit and
     * when it was seen stay, so a consumer that died meanwhile reads STOP once the window's length passes.
     */
    void gap() {
        OffsetSample last = samples.peekLast();
        samples.clear();
        lastBeforeGap = last;
    }

    /** @param commitTimeMs from the commit metadata, or -1 when unknown */
    LagStatus add(long committed, long end, long commitTimeMs, long nowMs) {
        OffsetSample last = samples.isEmpty() ? lastBeforeGap : samples.peekLast();
        lastBeforeGap = null;
        long commitTime;
        if (last == null) {
            commitTime = commitTimeMs < 0 ? nowMs : Math.min(commitTimeMs, nowMs);
        } else if (last.committed() != committed || commitTimeMs != lastReportedCommitMs) {
            commitTime = nowMs; // a new commit since the last sample
        } else {
            commitTime = last.commitTimeMs();
        }
        lastReportedCommitMs = commitTimeMs;
        if (samples.size() == size) {
            samples.removeFirst();
        }
        samples.addLast(new OffsetSample(committed, end, commitTime, nowMs));
        return BurrowEvaluator.evaluate(List.copyOf(samples), nowMs, fullSpanMs);
    }
}
