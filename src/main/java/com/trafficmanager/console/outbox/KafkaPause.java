package com.trafficmanager.console.outbox;

import java.time.Duration;

/**
 * The relay's pause after Kafka failed it as a whole (unreachable, no producer, a producer in a fatal
 * state), as opposed to one key's row failing ({@link KeyBackoff}): every further send would fail or
 * block as long again, so the relay waits, doubling from the initial backoff up to the maximum, and
 * gives up the publish lock meanwhile so that a console that reaches Kafka can publish. Relay thread only.
 */
final class KafkaPause {
    private final Duration initial;
    private final Duration max;
    private long untilNanos = System.nanoTime(); // not paused to begin with
    private int failures;
    private boolean lockToGiveUp;

    KafkaPause(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Kafka failed the relay: pause for longer than the last time, and give up the lock once settled. */
    void failed() {
        untilNanos = System.nanoTime() + pauseNanos(++failures);
        lockToGiveUp = true;
    }

    /** A cycle went through without a Kafka-wide failure: the next one pauses from the start again. */
    void succeeded() {
        failures = 0;
    }

    boolean active() {
        return remainingNanos() > 0;
    }

    long remainingNanos() {
        return untilNanos - System.nanoTime();
    }

    /** Whether the lock is to be given up now (once per failure); false after. */
    boolean takeLockToGiveUp() {
        boolean give = lockToGiveUp;
        lockToGiveUp = false;
        return give;
    }

    private long pauseNanos(int n) {
        long d = initial.toNanos() << Math.min(n - 1, 20);
        return d <= 0 || d > max.toNanos() ? max.toNanos() : d;
    }
}
