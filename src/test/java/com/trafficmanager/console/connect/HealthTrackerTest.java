package com.trafficmanager.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void connectsOnFirstSuccess() {
        HealthTracker tracker = new HealthTracker("Kafka", t0);
        assertThat(tracker.current().status()).isEqualTo(ServerHealth.Status.CONNECTING);
        assertThat(tracker.success(t0.plusSeconds(1)).status()).isEqualTo(ServerHealth.Status.CONNECTED);
    }

    @Test
    void aConnectedServerThatFailsIsReconnectingThenDown() {
        HealthTracker tracker = new HealthTracker("Kafka", t0);
        tracker.success(t0);
        ServerHealth first = tracker.failure("connection refused", t0.plusSeconds(2));
        assertThat(first.status()).isEqualTo(ServerHealth.Status.RECONNECTING);
        assertThat(first.lastError()).contains("connection refused");
        assertThat(tracker.failure("connection refused", t0.plusSeconds(4)).since()).isEqualTo(t0.plusSeconds(2));
        ServerHealth down = tracker.failure("connection refused", t0.plusSeconds(6));
        assertThat(down.status()).isEqualTo(ServerHealth.Status.DOWN);
        assertThat(down.since()).isEqualTo(t0.plusSeconds(6));
        assertThat(tracker.success(t0.plusSeconds(8)).status()).isEqualTo(ServerHealth.Status.CONNECTED);
        assertThat(tracker.current().lastError()).isEmpty();
    }

    @Test
    void aServerThatNeverAnsweredIsDownAfterTheSameNumberOfFailures() {
        HealthTracker tracker = new HealthTracker("Redis", t0);
        assertThat(tracker.failure("refused", t0).status()).isEqualTo(ServerHealth.Status.CONNECTING);
        assertThat(tracker.failure("refused", t0).status()).isEqualTo(ServerHealth.Status.CONNECTING);
        assertThat(tracker.failure("refused", t0).status()).isEqualTo(ServerHealth.Status.DOWN);
    }
}
