package com.trafficmanager.console.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of latency samples in nanoseconds, reported in milliseconds. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] samplesNanos) {
        if (samplesNanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = samplesNanos.clone();
        Arrays.sort(sorted);
    }

    public double millis(double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }

    public double p50() {
        return millis(50);
    }

    public double p99() {
        return millis(99);
    }
}
