package com.trafficmanager.console.invalidation;

import java.util.List;

/**
 * The status of a partition over a sliding window of {@link OffsetSample}s (oldest first), after the
 * rules of LinkedIn Burrow's consumer lag evaluation. In order, the first that applies wins:
 * <ol>
 *   <li>fewer than two samples: {@link LagStatus#OK} (nothing to judge yet);</li>
 *   <li>the committed offset went down between two samples: {@link LagStatus#REWIND};</li>
 *   <li>the lag was zero in any sample of the window: {@link LagStatus#OK};</li>
 *   <li>the time since the last commit is longer than the window spans (newest sample time minus
 *       oldest, and at least the configured window's length while the window fills: two samples a
 *       second apart must not call a consumer gone that commits every few seconds while it waits):
 *       {@link LagStatus#STOP} (the consumer is gone);</li>
 *   <li>the committed offset did not move across the window (lag is above zero throughout):
 *       {@link LagStatus#STALL} (the consumer commits but makes no progress);</li>
 *   <li>the committed offset moved, but the lag never fell from one sample to the next:
 *       {@link LagStatus#WARN} (it falls behind);</li>
 *   <li>otherwise {@link LagStatus#OK}.</li>
 * </ol>
 * Pure and stateless.
 */
public final class BurrowEvaluator {
    private BurrowEvaluator() {
    }

    /** @param minSpanMs the span STOP is judged against at least: the full window's, while it fills */
    public static LagStatus evaluate(List<OffsetSample> window, long nowMs, long minSpanMs) {
        if (window.size() < 2) {
            return LagStatus.OK;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).committed() < window.get(i - 1).committed()) {
                return LagStatus.REWIND;
            }
        }
        if (window.stream().anyMatch(s -> s.lag() == 0)) {
            return LagStatus.OK;
        }
        OffsetSample oldest = window.get(0);
        OffsetSample newest = window.get(window.size() - 1);
        long span = Math.max(newest.sampleTimeMs() - oldest.sampleTimeMs(), minSpanMs);
        if (nowMs - newest.commitTimeMs() > span) {
            return LagStatus.STOP;
        }
        if (newest.committed() == oldest.committed()) {
            return LagStatus.STALL;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() < window.get(i - 1).lag()) {
                return LagStatus.OK;
            }
        }
        return LagStatus.WARN;
    }
}
