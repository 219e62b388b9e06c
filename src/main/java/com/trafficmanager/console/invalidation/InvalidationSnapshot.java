package com.trafficmanager.console.invalidation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the Invalidation tab shows, taken at once by the sampler: one of these per sampling tick
 * is one UI update, however many records went through in between.
 *
 * @param lag        null when it could not be read; {@code lagError} says why
 * @param statuses   the Burrow status per partition
 * @param recent     the last records processed, oldest first (bounded)
 * @param pauseRequested the operator paused the consumer (the state may say something more pressing, e.g.
 *                   waiting for Redis, while the pause holds)
 */
public record InvalidationSnapshot(Instant at, ConsumerState state, String stateDetail, Set<Integer> assigned,
                                   CounterSnapshot counters, double eventsPerSecond, GroupLag lag, String lagError,
                                   Map<Integer, LagStatus> statuses, LagStatus groupStatus,
                                   List<ProcessedEvent> recent, boolean crashArmed, int lastCrashUncommitted,
                                   boolean pauseRequested) {
    public InvalidationSnapshot {
        assigned = Set.copyOf(assigned);
        statuses = Map.copyOf(statuses);
        recent = List.copyOf(recent);
    }
}
