package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reset while the consumer counts: processed stays the sum of the outcomes afterwards. */
class InvalidationCountersTest {
    private static final long PAIRS = 400_000;

    @Test
    void aResetDuringCountingNeverSplitsAnOutcome() throws Exception {
        InvalidationCounters counters = new InvalidationCounters();
        AtomicLong done = new AtomicLong();
        Thread consumer = new Thread(() -> {
            for (long i = 0; i < PAIRS; i++) {
                counters.outcome(3, Outcome.DELETED);
                counters.outcome(3, Outcome.DUPLICATE);
                done.incrementAndGet();
            }
        });
        consumer.start();
        // resets while the first half is counted; the second half is counted after the last one
        while (done.get() < PAIRS / 2) {
            counters.reset();
        }
        consumer.join();
        Counts c = counters.snapshot().partition(3);
        assertThat(c.processed()).as("the outcomes after the last reset").isGreaterThan(PAIRS / 2);
        assertThat(c.processed()).isEqualTo(c.deleted() + c.duplicates());
    }
}
