package com.trafficmanager.console.outbox;

import java.time.Duration;

/**
 * What the status bar shows about the outbox: how many events wait for Kafka, how long the oldest has
 * waited, and the last error a send of a waiting event got (null when none). Read from the database,
 * so every console sees the same backlog whichever of them is publishing.
 */
public record Backlog(long pendingCount, Duration oldestPendingAge, String lastError) {
    public static final Backlog EMPTY = new Backlog(0, Duration.ZERO, null);

    public boolean empty() {
        return pendingCount == 0;
    }
}
