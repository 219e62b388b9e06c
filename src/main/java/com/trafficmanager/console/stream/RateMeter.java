package com.trafficmanager.console.stream;

import java.util.ArrayDeque;

/**
 * Events per second of one partition over the last few seconds, from samples of its log-end offset:
 * (newest end - oldest end in the window) / (time between them). Reads the partition's own rate,
 * whatever the viewer's position. Times are passed in (nanoseconds), so it is tested without clocks.
 * Not thread-safe.
 */
public final class RateMeter {
    private final long windowNanos;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>(); // [nanos, endOffset]

    public RateMeter(java.time.Duration window) {
        this.windowNanos = window.toNanos();
    }

    public void sample(long nanos, long endOffset) {
        long[] last = samples.peekLast();
        if (last != null && (endOffset < last[1])) {
            samples.clear(); // the partition was truncated or recreated: start over
        }
        if (last != null && last[1] == endOffset && samples.size() > 1 && nanos - last[0] < windowNanos / 10) {
            return; // nothing new and sampled just now
        }
        samples.addLast(new long[] {nanos, endOffset});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > windowNanos) {
            samples.removeFirst();
        }
    }

    /** Events per second, or NaN until two samples at least 100 ms apart are known. */
    public double perSecond() {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        long[] first = samples.peekFirst();
        long[] last = samples.peekLast();
        long dt = last[0] - first[0];
        if (dt < 100_000_000L) {
            return Double.NaN;
        }
        return (last[1] - first[1]) * 1e9 / dt;
    }
}
