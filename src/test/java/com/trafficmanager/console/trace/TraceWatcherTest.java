package com.trafficmanager.console.trace;

import static com.trafficmanager.console.trace.WatcherFakes.caches;
import static com.trafficmanager.console.trace.WatcherFakes.publishes;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.SettableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What the watcher fills in for hops the console cannot witness, and when the cache counts as verified. */
class TraceWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final SettableClock clock = new SettableClock(t0);
    private final TraceBook book = new TraceBook(10, clock);
    private final AtomicReference<PublishState> publish = new AtomicReference<>(PublishState.UNKNOWN);
    private final AtomicReference<CacheState> cache = new AtomicReference<>(CacheState.holding(2));

    @Test
    void aPublishByAnotherRelayAndAnUnseenConsumerAreMarkedNotWitnessedThenTheCacheIsChecked() {
        TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get), p -> false,
                () -> false, clock);
        UUID id = UUID.randomUUID();
        book.committed(id, "team-a:payments:prod:v2", "activated", 3, t0, "row_version 3");

        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.PUBLISHED)).isEmpty();

        publish.set(new PublishState(PublishState.Status.PUBLISHED, 4, 17L, t0.plusMillis(20), 1, null));
        watcher.sweep();
        HopRecord published = book.find(id).orElseThrow().hop(Hop.PUBLISHED).orElseThrow();
        assertThat(published.witnessed()).isFalse();
        assertThat(published.detail()).startsWith("partition 4, offset 17");
        assertThat(book.find(id).orElseThrow().hop(Hop.PROCESSED)).as("within the grace period").isEmpty();

        clock.set(t0.plusSeconds(5));
        watcher.sweep();
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.hop(Hop.PROCESSED).orElseThrow().witnessed()).isFalse();
        assertThat(trace.complete()).as("the cache still holds row_version 2, older than the change").isFalse();

        cache.set(CacheState.ABSENT);
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.CACHE_VERIFIED).orElseThrow().detail()).isEqualTo("key absent");
        assertThat(book.find(id).orElseThrow().hop(Hop.SEEN_BY_TAIL).orElseThrow().detail())
                .startsWith("not witnessed: the live tail is not running");
    }

    @Test
    void whenThisConsolesConsumerOwnsTheKeyItsReportIsAwaited() {
        TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get), p -> true,
                () -> true, clock);
        UUID id = UUID.randomUUID();
        book.committed(id, "k", "updated", 5, t0, "");
        book.published(id, 0, HopRecord.seen(t0, "partition 0, offset 1"));
        clock.set(t0.plusSeconds(30));
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.PROCESSED)).isEmpty();
        book.hop(id, Hop.PROCESSED, "deleted");
        cache.set(CacheState.holding(5));
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.CACHE_VERIFIED).orElseThrow().detail())
                .isEqualTo("key holds row_version 5");
    }

    @Test
    void anOldChangeLookedUpNowIsNotAwaitedFromThisConsolesConsumer() {
        TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get), p -> true,
                () -> true, clock);
        UUID id = UUID.randomUUID();
        Instant anHourAgo = t0.minusSeconds(3600);
        book.committed(id, "k", "updated", 5, anHourAgo, "");
        book.published(id, 0, HopRecord.seen(anHourAgo, "partition 0, offset 1"));
        cache.set(CacheState.holding(5));
        watcher.sweep();
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.hop(Hop.PROCESSED).orElseThrow().detail())
                .isEqualTo("not witnessed: published before this trace was opened");
        assertThat(trace.hop(Hop.CACHE_VERIFIED).orElseThrow().detail()).isEqualTo("key holds row_version 5");
    }

    @Test
    void aHopAWitnessReportsWhileTheWatcherDecidesIsNotOverwrittenByItsConclusion() {
        UUID id = UUID.randomUUID();
        // the witnesses report just as the watcher asks whether they run: after it read the trace, before it writes
        TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get),
                partition -> {
                    book.hop(id, Hop.PROCESSED, "deleted (partition 0, offset 1)");
                    return false;
                },
                () -> {
                    book.hopIfFollowed(id, Hop.SEEN_BY_TAIL, "partition 0, offset 1");
                    return true;
                }, clock);
        book.committed(id, "k", "updated", 5, t0, "");
        book.published(id, 0, HopRecord.seen(t0, "partition 0, offset 1"));
        clock.set(t0.plusSeconds(30));
        watcher.sweep();
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.hop(Hop.SEEN_BY_TAIL).orElseThrow().detail()).isEqualTo("partition 0, offset 1");
        assertThat(trace.hop(Hop.PROCESSED).orElseThrow().detail()).isEqualTo("deleted (partition 0, offset 1)");
        assertThat(trace.hop(Hop.PROCESSED).orElseThrow().witnessed()).isTrue();
    }

    @Test
    void aChangeHeldUpByAnOutageLongerThanTheFollowWindowCompletesWhenAnotherConsolesRelayPublishesIt() {
        AtomicInteger asked = new AtomicInteger();
        TraceWatcher watcher = new TraceWatcher(book, ids -> {
            asked.addAndGet(ids.size());
            return publishes(publish::get).of(ids);
        }, caches(cache::get), p -> false, () -> false, clock);
        UUID id = UUID.randomUUID();
        book.committed(id, "k", "updated", 3, t0, "row_version 3"); // Kafka is down: nothing publishes it
        cache.set(CacheState.ABSENT);
        watcher.sweep();
        clock.set(t0.plus(TraceWatcher.FOLLOW_FOR).plusSeconds(120));
        watcher.sweep();
        int askedOnce = asked.get();
        clock.set(clock.instant().plusSeconds(30));
        watcher.sweep();
        assertThat(asked.get()).as("a trace without progress is looked at once a minute, not every second")
                .isEqualTo(askedOnce);

        Instant kafkaBack = t0.plus(Duration.ofMinutes(15));
        clock.set(kafkaBack);
        // another console's relay holds the publish lock: only the outbox tells this console
        publish.set(new PublishState(PublishState.Status.PUBLISHED, 4, 17L, kafkaBack, 3, null));
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.PUBLISHED)).as("found although 15 min without progress")
                .hasValueSatisfying(h -> assertThat(h.detail()).contains("another console's relay"));

        clock.set(kafkaBack.plusSeconds(5)); // within the minute: followed again because it moved
        watcher.sweep();
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.hop(Hop.CACHE_VERIFIED)).as("the cache check after the outage")
                .hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("key absent"));
        assertThat(OverdueHops.check(trace, new OverdueHops.Context(clock.instant(), true, 0, false))).isEmpty();
    }

    @Test
    void aPublishByThisConsolesRelayAfterALongOutageIsProgressAndTheTraceIsFollowedAgain() {
        TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get), p -> false, () -> false,
                clock);
        UUID id = UUID.randomUUID();
        book.committed(id, "k", "updated", 3, t0, "row_version 3");
        cache.set(CacheState.ABSENT);
        watcher.sweep();
        Instant kafkaBack = t0.plus(Duration.ofMinutes(15));
        clock.set(kafkaBack);
        watcher.sweep(); // still nothing to find; the next look at stuck traces is a minute away

        book.published(id, 2, HopRecord.seen(kafkaBack.plusSeconds(10), "partition 2, offset 5"));
        clock.set(kafkaBack.plusSeconds(20));
        watcher.sweep();
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.hop(Hop.PROCESSED)).as("another console's consumer, after the grace")
                .hasValueSatisfying(h -> assertThat(h.witnessed()).isFalse());
        assertThat(trace.hop(Hop.CACHE_VERIFIED)).as("the cache check after the outage")
                .hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("key absent"));
    }

    @Test
    void thePublishAnotherRelayMadeDoesNotReplaceThisRelaysOwnReport() {
        UUID id = UUID.randomUUID();
        TraceWatcher watcher = new TraceWatcher(book, ids -> {
            book.published(id, 3, HopRecord.seen(t0.plusMillis(5), "partition 3, offset 9"));
            return Map.of(id, new PublishState(PublishState.Status.PUBLISHED, 3, 9L, t0.plusMillis(5), 1, null));
        }, caches(cache::get), p -> true, () -> true, clock);
        book.committed(id, "k", "updated", 5, t0, "");
        watcher.sweep();
        HopRecord published = book.find(id).orElseThrow().hop(Hop.PUBLISHED).orElseThrow();
        assertThat(published.witnessed()).isTrue();
        assertThat(published.detail()).isEqualTo("partition 3, offset 9");
    }

    @Test
    void aSweepReadsTheOutboxOnceAndTheCacheOnceHoweverManyTracesAreOpen() {
        TraceBook many = new TraceBook(TraceBook.DEFAULT_CAPACITY, clock);
        List<Integer> outboxReads = new ArrayList<>();
        List<Integer> cacheReads = new ArrayList<>();
        TraceWatcher watcher = new TraceWatcher(many, ids -> {
            outboxReads.add(ids.size());
            return publishes(publish::get).of(ids);
        }, keys -> {
            cacheReads.add(keys.size());
            return caches(() -> CacheState.ABSENT).read(keys);
        }, p -> false, () -> false, clock);
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) { // a bulk action of 500 routes while Kafka is down
            UUID id = UUID.randomUUID();
            events.add(id);
            many.committed(id, "team-a:svc-" + i + ":prod:v1", "activated", 2, t0, "row_version 2");
        }
        watcher.sweep();
        assertThat(outboxReads).as("one read for all 500, not one each").containsExactly(500);
        assertThat(cacheReads).as("nothing published: nothing to check in the cache").isEmpty();

        // another console's relay publishes them all once Kafka is back
        publish.set(new PublishState(PublishState.Status.PUBLISHED, 1, 7L, t0.plusSeconds(1), 1, null));
        clock.set(t0.plusSeconds(10));
        watcher.sweep();
        assertThat(outboxReads).containsExactly(500, 500);
        assertThat(cacheReads).as("one read of the 500 keys").containsExactly(500);
        assertThat(events).allSatisfy(id -> assertThat(many.find(id).orElseThrow().hop(Hop.CACHE_VERIFIED))
                .hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("key absent")));

        watcher.sweep();
        assertThat(outboxReads).as("settled traces are not read again").hasSize(2);
        assertThat(cacheReads).hasSize(1);
    }

    @Test
    void aReadThatFailsIsTriedOncePerSweepNotOncePerTrace() {
        TraceBook many = new TraceBook(TraceBook.DEFAULT_CAPACITY, clock);
        AtomicInteger outboxReads = new AtomicInteger();
        AtomicInteger cacheReads = new AtomicInteger();
        TraceWatcher watcher = new TraceWatcher(many, ids -> {
            outboxReads.incrementAndGet();
            throw new SQLException("Connection is not available, request timed out after 10000ms");
        }, keys -> {
            cacheReads.incrementAndGet();
            throw new IllegalStateException("Failed to connect to any host resolved for DNS name");
        }, p -> false, () -> false, clock);
        List<UUID> published = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = UUID.randomUUID();
            many.committed(id, "team-a:svc-" + i + ":prod:v1", "activated", 2, t0, "");
            if (i % 2 == 0) { // this console's relay published half of them before the database went away
                many.published(id, 0, HopRecord.seen(t0, "partition 0, offset " + i));
                published.add(id);
            }
        }
        clock.set(t0.plusSeconds(5));
        watcher.sweep();
        assertThat(outboxReads).as("the database is not asked 150 times in a row").hasValue(1);
        assertThat(cacheReads).as("nor Redis 150 times").hasValue(1);
        assertThat(published).as("what needs no read goes on").allSatisfy(id -> {
            ChangeTrace trace = many.find(id).orElseThrow();
            assertThat(trace.hop(Hop.PROCESSED)).hasValueSatisfying(h -> assertThat(h.witnessed()).isFalse());
            assertThat(trace.hop(Hop.CACHE_VERIFIED)).isEmpty();
        });

        watcher.sweep();
        assertThat(outboxReads).as("the next sweep tries again").hasValue(2);
        assertThat(cacheReads).hasValue(2);
    }

    @Test
    void nudgesWhileASweepIsQueuedQueueNoSweepOfTheirOwn() {
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
        CountDownLatch databaseAnswers = new CountDownLatch(1);
        AtomicInteger sweeps = new AtomicInteger();
        TraceWatcher watcher = new TraceWatcher(book, ids -> {
            sweeps.incrementAndGet();
            databaseAnswers.await(WAIT.toSeconds(), TimeUnit.SECONDS); // the first sweep waits for the database
            return Map.of();
        }, caches(cache::get), p -> false, () -> false, clock, thread);
        try {
            book.committed(UUID.randomUUID(), "k", "updated", 1, t0, ""); // unpublished: every sweep reads
            watcher.nudge();
            Eventually.await("the first sweep waiting for the database", WAIT, () -> sweeps.get() == 1);
            for (int i = 0; i < 100; i++) {
                watcher.nudge(); // the consumer reports batch after batch meanwhile
            }
            assertThat(thread.getQueue()).as("one sweep behind the one under way, not 100").hasSize(1);

            databaseAnswers.countDown();
            Eventually.await("both sweeps done", WAIT, () -> thread.getCompletedTaskCount() == 2);
            assertThat(sweeps).hasValue(2);
            assertThat(thread.getQueue()).isEmpty();

            watcher.nudge(); // a hop after the queued sweep started gets a sweep of its own
            Eventually.await("the third sweep done", WAIT, () -> thread.getCompletedTaskCount() == 3);
            assertThat(sweeps).hasValue(3);
        } finally {
            watcher.close();
        }
    }
}
