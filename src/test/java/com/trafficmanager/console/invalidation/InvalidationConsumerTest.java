package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer against the real sandbox: exact counters for N events, a replay from offset zero that
 * only counts duplicates, and a crash between processing and committing that redelivers exactly the
 * uncommitted events, deduplicated.
 */
class InvalidationConsumerTest {
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest(); // a topic of its own: a group reading from the start sees only this test's records

    @Test
    void nEventsDeleteNKeysWithExactCountersAndAReplayCountsOnlyDuplicates() throws Exception {
        int n = 60;
        String group = fx.newGroup();
        List<RouteChangedEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fx.redis.set(fx.routeKey(i), "cached-" + i);
            RouteChangedEvent e = fx.event(i, 7);
            events.add(e);
            fx.send(e);
        }
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            consumer.start();
            Eventually.await(n + " events processed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= n);
            // an asynchronous commit is counted when its callback runs, on a later poll: the count may trail the broker
            Eventually.await("offsets committed at the end, and counted", InvalidationFixture.WAIT,
                    () -> fx.committedAtEnd(group) && consumer.counters().snapshot().total().commits() > 0);
            Counts total = consumer.counters().snapshot().total();
            assertThat(total.processed()).isEqualTo(n);
            assertThat(total.deleted()).isEqualTo(n);
            assertThat(total.absent()).isZero();
            assertThat(total.duplicates()).isZero();
            assertThat(total.malformed()).isZero();
            assertThat(total.errors()).isZero();
            assertThat(total.commits()).isPositive();
            for (int i = 0; i < n; i++) {
                assertThat(fx.redis.exists(fx.routeKey(i))).as("key %d deleted", i).isFalse();
                assertThat(fx.redis.get(CacheKeys.marker(events.get(i).key()))).isEqualTo("7");
            }
            consumer.stop();
            assertThat(consumer.awaitStopped(Duration.ofSeconds(30))).isTrue();
        }

        // the same events again: rewind the group to the start, and cache the routes again
        Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
        for (int p = 0; p < InvalidationFixture.PARTITIONS; p++) {
            zero.put(new TopicPartition(fx.topic, p), new OffsetAndMetadata(0));
        }
        fx.admin.alterConsumerGroupOffsets(group, zero).all().get(30, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            fx.redis.set(fx.routeKey(i), "cached-again-" + i);
        }
        try (InvalidationConsumer replay = new InvalidationConsumer(fx.config(group), fx.redis)) {
            replay.start();
            Eventually.await("the replay processed", InvalidationFixture.WAIT,
                    () -> replay.counters().snapshot().total().processed() >= n);
            Eventually.await("replay committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            Counts total = replay.counters().snapshot().total();
            assertThat(total.duplicates()).isEqualTo(n);
            assertThat(total.processed()).isEqualTo(n);
            assertThat(total.deleted()).isZero();
            assertThat(total.absent()).isZero();
            assertThat(total.malformed()).isZero();
            for (int i = 0; i < n; i++) {
                assertThat(fx.redis.get(fx.routeKey(i))).as("key %d untouched by duplicates", i)
                        .isEqualTo("cached-again-" + i);
            }
        }
    }

    @Test
    void aListenerThatThrowsAnErrorDoesNotStopTheInvalidation() throws Exception {
        String group = fx.newGroup();
        int n = 30;
        int base = 2000;
        for (int i = 0; i < n; i++) {
            fx.redis.set(fx.routeKey(base + i), "cached");
            fx.send(fx.event(base + i, 2));
        }
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
            consumer.addListener((events, redisDoneNanos) -> { // a listener's bug (the tab's, a test's)
                batches.incrementAndGet();
                throw new AssertionError("a listener's own failure");
            });
            consumer.start();
            Eventually.await(n + " events processed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= n);
            Eventually.await("the listener failing", InvalidationFixture.WAIT, () -> batches.get() > 0);
            for (int i = n; i < 2 * n; i++) { // events after the listener failed are invalidated too
                fx.redis.set(fx.routeKey(base + i), "cached");
                fx.send(fx.event(base + i, 2));
            }
            Eventually.await("the later events processed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= 2 * n);
            Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
            assertThat(consumer.counters().snapshot().total().deleted()).isEqualTo(2 * n);
        }
    }

    @Test
    void aCrashAfterProcessingBeforeCommitRedeliversExactlyTheUncommittedEventsAsDuplicates() throws Exception {
        String group = fx.newGroup();
        int first = 20;
        int second = 25;
        int base = 1000;
        for (int i = 0; i < first; i++) {
            fx.redis.set(fx.routeKey(base + i), "cached");
            fx.send(fx.event(base + i, 3));
        }
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            consumer.armCrashAfterProcessing();
            consumer.start();
            Eventually.await("the injected crash", InvalidationFixture.WAIT,
                    () -> consumer.state() == ConsumerState.CRASHED);
            int uncommitted = consumer.lastCrashUncommitted();
            assertThat(uncommitted).isPositive();
            Counts atCrash = consumer.counters().snapshot().total();
            assertThat(atCrash.processed()).isEqualTo(uncommitted);
            assertThat(atCrash.duplicates()).isZero();
            assertThat(fx.committed(group)).as("nothing committed by the crashed consumer").isEmpty();

            for (int i = first; i < first + second; i++) {
                fx.redis.set(fx.routeKey(base + i), "cached");
                fx.send(fx.event(base + i, 3));
            }
            consumer.start(); // the restart
            assertThat(consumer.state()).as("a start after the crash is not lost to the crashed thread")
                    .isNotEqualTo(ConsumerState.CRASHED);
            Eventually.await("everything processed after the restart", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= first + second + uncommitted);
            Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            Counts total = consumer.counters().snapshot().total();
            assertThat(total.duplicates()).isEqualTo(uncommitted);
            assertThat(total.deleted()).isEqualTo(first + second);
            assertThat(total.processed()).isEqualTo(first + second + uncommitted);
            for (int i = 0; i < first + second; i++) {
                assertThat(fx.redis.exists(fx.routeKey(base + i))).as("key %d deleted", i).isFalse();
            }
        }
    }
}
