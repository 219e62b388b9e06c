package com.trafficmanager.console.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key back-off after failed sends: while a key waits, the relay does not read its rows, so later
 * events of that key stay behind the failed one and other keys go on. The wait doubles per failure up
 * to a maximum; a success forgets the key. Used by the relay thread only; not thread-safe.
 */
final class KeyBackoff {
    private record Entry(int failures, long notBeforeNanos) {
    }

    private final long initialNanos;
    private final long maxNanos;
    private final Map<String, Entry> entries = new HashMap<>();

    KeyBackoff(Duration initial, Duration max) {
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    void failed(String key, long nowNanos) {
        Entry old = entries.get(key);
        int failures = old == null ? 1 : old.failures + 1;
        long delay = initialNanos << Math.min(failures - 1, 20);
        if (delay <= 0 || delay > maxNanos) {
            delay = maxNanos;
        }
        entries.put(key, new Entry(failures, nowNanos + delay));
    }

    void succeeded(String key) {
        entries.remove(key);
    }

    /** Keys still waiting at {@code nowNanos}. */
    List<String> heldBack(long nowNanos) {
        List<String> keys = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (e.notBeforeNanos - nowNanos > 0) {
                keys.add(k);
            }
        });
        return keys;
    }

    /** Nanoseconds until the first waiting key may go again, or -1 when none waits. */
    long nanosUntilNextRetry(long nowNanos) {
        long best = -1;
        for (Entry e : entries.values()) {
            long wait = e.notBeforeNanos - nowNanos;
            if (wait > 0 && (best < 0 || wait < best)) {
                best = wait;
            }
        }
        return best;
    }

    int failures(String key) {
        Entry e = entries.get(key);
        return e == null ? 0 : e.failures;
    }
}
