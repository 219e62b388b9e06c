package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The relay's Kafka-wide pause: doubling, capped, reset by a good cycle; the lock given up once per failure. */
class KafkaPauseTest {
    private static final long TEN_S = Duration.ofSeconds(10).toNanos();

    @Test
    void doublesUntilAGoodCycleAndGivesUpTheLockOncePerFailure() {
        KafkaPause pause = new KafkaPause(Duration.ofSeconds(10), Duration.ofSeconds(25));
        assertThat(pause.active()).isFalse();
        assertThat(pause.takeLockToGiveUp()).isFalse();

        pause.failed();
        assertThat(pause.active()).isTrue();
        assertThat(pause.remainingNanos()).isBetween(1L, TEN_S);
        assertThat(pause.takeLockToGiveUp()).isTrue();
        assertThat(pause.takeLockToGiveUp()).as("once per failure").isFalse();

        pause.failed();
        assertThat(pause.remainingNanos()).as("doubled").isBetween(TEN_S + 1, 2 * TEN_S);
        pause.failed();
        assertThat(pause.remainingNanos()).as("capped at the maximum")
                .isBetween(2 * TEN_S + 1, Duration.ofSeconds(25).toNanos());

        pause.succeeded();
        pause.failed();
        assertThat(pause.remainingNanos()).as("from the start again").isBetween(1L, TEN_S);
    }
}
