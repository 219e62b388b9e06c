package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Per-key back-off on a fake clock: doubling, capped, forgotten on success, other keys unaffected. */
class KeyBackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    void doublesUpToTheMaximumAndHoldsOnlyTheFailedKey() {
        KeyBackoff backoff = new KeyBackoff(Duration.ofMillis(100), Duration.ofMillis(350));
        backoff.failed("a", 0);
        assertThat(backoff.heldBack(50 * MS)).containsExactly("a");
        assertThat(backoff.heldBack(100 * MS)).isEmpty();
        assertThat(backoff.nanosUntilNextRetry(40 * MS)).isEqualTo(60 * MS);

        backoff.failed("a", 1_000 * MS); // second failure: 200 ms
        assertThat(backoff.heldBack(1_199 * MS)).containsExactly("a");
        assertThat(backoff.heldBack(1_200 * MS)).isEmpty();
        backoff.failed("a", 2_000 * MS); // third: 400 ms, capped at 350
        assertThat(backoff.heldBack(2_349 * MS)).containsExactly("a");
        assertThat(backoff.heldBack(2_350 * MS)).isEmpty();
        assertThat(backoff.failures("a")).isEqualTo(3);

        backoff.succeeded("a");
        assertThat(backoff.failures("a")).isZero();
        assertThat(backoff.nanosUntilNextRetry(0)).isEqualTo(-1);
        assertThat(backoff.heldBack(0)).isEmpty();
    }
}
