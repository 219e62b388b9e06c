package com.trafficmanager.console.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.outbox.PublishState;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import com.trafficmanager.console.testing.SettableClock;
import org.junit.jupiter.api.Test;

/** What the watcher fills in for hops the console cannot witness, and when the cache counts as verified. */
class TraceWatcherTest {
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final SettableClock clock = new SettableClock(t0);
    private final TraceBook book = new TraceBook(10, clock);
    private final AtomicReference<PublishState> publish = new AtomicReference<>(PublishState.UNKNOWN);
    private final AtomicReference<CacheState> cache = new AtomicReference<>(CacheState.holding(2));

    @Test
    void aPublishByAnotherRelayAndAnUnseenConsumerAreMarkedNotWitnessedThenTheCacheIsChecked() {
        TraceWatcher watcher = new TraceWatcher(book, id -> publish.get(), key -> cache.get(), p -> false, () -> false, clock);
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
        TraceWatcher watcher = new TraceWatcher(book, id -> publish.get(), key -> cache.get(), p -> true, () -> true, clock);
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
        TraceWatcher watcher = new TraceWatcher(book, id -> publish.get(), key -> cache.get(), p -> true, () -> true, clock);
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
        TraceWatcher watcher = new TraceWatcher(book, id2 -> publish.get(), key -> cache.get(),
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
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        TraceWatcher watcher = new TraceWatcher(book, id -> {
            asked.incrementAndGet();
            return publish.get();
        }, key -> cache.get(), p -> false, () -> false, clock);
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
        TraceWatcher watcher = new TraceWatcher(book, id -> publish.get(), key -> cache.get(), p -> false, () -> false,
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
        TraceWatcher watcher = new TraceWatcher(book, id2 -> {
            book.published(id, 3, HopRecord.seen(t0.plusMillis(5), "partition 3, offset 9"));
            return new PublishState(PublishState.Status.PUBLISHED, 3, 9L, t0.plusMillis(5), 1, null);
        }, key -> cache.get(), p -> true, () -> true, clock);
        book.committed(id, "k", "updated", 5, t0, "");
        watcher.sweep();
        HopRecord published = book.find(id).orElseThrow().hop(Hop.PUBLISHED).orElseThrow();
        assertThat(published.witnessed()).isTrue();
        assertThat(published.detail()).isEqualTo("partition 3, offset 9");
    }
}
