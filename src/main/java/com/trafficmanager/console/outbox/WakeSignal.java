package com.trafficmanager.console.outbox;

/**
 * A wake-up that is never lost: {@link #wake()} before {@link #await} makes the next wait return at
 * once. Writers call {@code wake()} after each commit; the relay clears the flag just before it reads
 * the outbox, so a commit that lands during a cycle triggers another one.
 */
final class WakeSignal {
    private boolean woken;

    synchronized void wake() {
        woken = true;
        notifyAll();
    }

    synchronized void clear() {
        woken = false;
    }

    /** Waits until woken or the timeout passes; returns whether it was woken. */
    synchronized boolean await(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!woken) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        woken = false;
        return true;
    }
}
