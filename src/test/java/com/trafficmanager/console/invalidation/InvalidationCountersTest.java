package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Reset while the consumer counts: processed stays the sum of the outcomes afterwards. */
class InvalidationCountersTest {
    private static final long PAIRS = 100_000;
    /** Only the last reset of a round can split what the round checks: several rounds, several chances. */
    private static final int ROUNDS = 24;

    @Test
    void aResetDuringCountingNeverSplitsAnOutcome() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            countWhileResetting(round);
        }
    }

    private static void countWhileResetting(int round) throws Exception {
        InvalidationCounters counters = new InvalidationCounters();
        CountDownLatch firstHalfCounted = new CountDownLatch(1);
        CountDownLatch resetsStopped = new CountDownLatch(1);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                for (long i = 0; i < PAIRS; i++) {
                    if (i == PAIRS / 2) { // the second half is counted only after the last reset
                        firstHalfCounted.countDown();
                        resetsStopped.await();
                    }
                    counters.outcome(3, Outcome.DELETED);
                    counters.outcome(3, Outcome.DUPLICATE);
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        consumer.start();
        while (firstHalfCounted.getCount() > 0) { // resets while the first half is being counted
            counters.reset();
        }
        resetsStopped.countDown();
        consumer.join();
        assertThat(failed.get()).isNull();
        Counts c = counters.snapshot().partition(3);
        assertThat(c.processed()).as("round %d: the second half at least, counted after the last reset", round)
                .isGreaterThanOrEqualTo(PAIRS);
        assertThat(c.processed()).as("round %d", round).isEqualTo(c.deleted() + c.duplicates());
    }
}
