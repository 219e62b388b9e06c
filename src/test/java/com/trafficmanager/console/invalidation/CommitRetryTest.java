package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The commit after a batch fails (the broker is gone at that moment) and no more records come to the
 * partitions: the consumer commits those offsets again by itself once the broker is back, so the lag
 * clears and no record is delivered again (without the retry, the group re-read all of them after the
 * broker's restart).
 */
class CommitRetryTest {
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    @Test
    void aFailedCommitIsSentAgainWhenNoRecordsFollowIt() throws Exception {
        Sandbox sandbox = TestSandbox.shared();
        String group = fx.newGroup();
        int n = 12;
        for (int i = 0; i < n; i++) {
            fx.send(fx.event(i, 1));
        }
        AtomicBoolean stopped = new AtomicBoolean();
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            // runs on the consumer's thread after a batch, before its commit: the commit meets no broker
            consumer.addListener((batch, doneNanos) -> {
                if (!stopped.getAndSet(true)) {
                    sandbox.stopKafka();
                }
            });
            try {
                consumer.start();
                Eventually.await("the first batch's commit failed", InvalidationFixture.WAIT,
                        () -> stopped.get() && consumer.counters().snapshot().total().errors() >= 1);
            } finally {
                sandbox.startKafka();
            }
            Eventually.await("every record processed and committed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= n && fx.committedAtEnd(group));
            CounterSnapshot counters = consumer.counters().snapshot();
            assertThat(counters.total().duplicates()).as("records delivered again").isZero();
            assertThat(counters.total().deleted() + counters.total().absent()).isEqualTo(n);
        }
    }
}
