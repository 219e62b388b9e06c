package com.trafficmanager.console.trace;

import java.time.Instant;

/**
 * One hop of a change as the console saw it (or did not).
 *
 * @param at        when the hop happened; null when its time is not known
 * @param detail    what an operator needs: partition and offset, the consumer's result, the cache state
 * @param witnessed false when this console did not see the hop itself (another console's consumer
 *                  processed the event, say) and only knows it from its effects
 */
public record HopRecord(Instant at, String detail, boolean witnessed) {
    public static HopRecord seen(Instant at, String detail) {
        return new HopRecord(at, detail, true);
    }

    public static HopRecord notWitnessed(String detail) {
        return new HopRecord(null, detail, false);
    }
}
