package com.trafficmanager.console.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for an asynchronous outcome by polling with a deadline. Tests never sleep a fixed time: they
 * state what must become true and how long it may take at most on a slow machine.
 */
public final class Eventually {
    private Eventually() {
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            LockSupport.parkNanos(20_000_000L); // polling interval, not a wait for an outcome
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
