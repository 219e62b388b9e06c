package com.trafficmanager.console.invalidation;

import java.util.List;

/**
 * Told after each batch's Redis round, on the consumer thread, before the commit: keep it short and
 * never block (the benchmark timestamps deletions with it).
 */
@FunctionalInterface
public interface BatchListener {
    /** @param redisDoneNanos {@link System#nanoTime()} when Redis answered the batch's round */
    void onBatch(List<ProcessedEvent> events, long redisDoneNanos);
}
