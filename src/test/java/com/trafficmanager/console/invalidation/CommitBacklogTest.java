package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.Eventually;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events arriving one at a time make batches of one, each followed by its commit. The group coordinator
 * answers one commit of a connection at a time, so commits sent faster than it answers queued up in the
 * client, and a stop (or a revoke), which waits for the commits in flight, waited them all out: a second
 * or more per ten commits. At most one asynchronous commit is in flight now; what is processed meanwhile
 * goes in the next one (commits are cumulative).
 */
class CommitBacklogTest {
    /** Longer than one commit's round trip by far; the queue of commits took a minute. */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    @Test
    void aStopAfterABurstOfSmallBatchesWaitsForOneCommitNotAQueueOfThem() throws Exception {
        String group = fx.newGroup();
        int n = 1_500;
        Semaphore batches = new Semaphore(0);
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            consumer.addListener((events, doneNanos) -> batches.release()); // after a batch, before its commit
            consumer.start();
            Eventually.await("the partitions assigned", InvalidationFixture.WAIT,
                    () -> consumer.assignedPartitions().size() == InvalidationFixture.PARTITIONS);
            for (int i = 0; i < n; i++) {
                // in lockstep: each event is a batch of its own, each batch followed by its commit, a few hundred a
                // second, more than the coordinator answers one at a time
                fx.send(fx.event(i, 1));
                assertThat(batches.tryAcquire(InvalidationFixture.WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("event %d processed", i).isTrue();
            }
            Eventually.await("every event processed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= n);
            consumer.stop();
            assertThat(consumer.awaitStopped(STOP_WITHIN)).as("stopped within %s", STOP_WITHIN).isTrue();
            assertThat(fx.committedAtEnd(group)).as("everything processed is committed").isTrue();
        }
    }
}
