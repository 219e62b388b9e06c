package com.trafficmanager.console.invalidation;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last {@code size} samples of one partition, for {@link BurrowEvaluator}. Fills in the commit time
 * when the group's commits carry none (offsets committed by other tools): the time the sampler first
 * saw the offset at its value. Used by the sampling thread only.
 */
final class PartitionWindow {
    private final int size;
    private final long fullSpanMs;
    private final ArrayDeque<OffsetSample> samples;

    /** @param fullSpanMs how long the full window spans (size - 1 ticks): STOP is judged against it while it fills */
    PartitionWindow(int size, long fullSpanMs) {
        this.size = size;
        this.fullSpanMs = fullSpanMs;
        this.samples = new ArrayDeque<>(size);
    }

    /** @param commitTimeMs from the commit metadata, or -1 when unknown */
    LagStatus add(long committed, long end, long commitTimeMs, long nowMs) {
        long commitTime = commitTimeMs;
        if (commitTime < 0) {
            OffsetSample last = samples.peekLast();
            commitTime = last != null && last.committed() == committed ? last.commitTimeMs() : nowMs;
        }
        if (samples.size() == size) {
            samples.removeFirst();
        }
        samples.addLast(new OffsetSample(committed, end, commitTime, nowMs));
        return BurrowEvaluator.evaluate(List.copyOf(samples), nowMs, fullSpanMs);
    }
}
