package com.trafficmanager.console.trace;

import static com.trafficmanager.console.trace.WatcherFakes.caches;
import static com.trafficmanager.console.trace.WatcherFakes.publishes;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.SettableClock;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Show trace on the real sandbox database: a change opened again is followed again, however long its
 * trace stood still, whether the book still held it or rebuilds it from the outbox.
 */
class TraceLookupTest {
    private static final DataSource DB = WritePathFixture.database().dataSource();

    // the outbox's times are the database's: the test's clock starts at the real now
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final Instant t0 = clock.instant();
    private final TraceBook book = new TraceBook(2, clock);
    private final TraceLookup lookup = new TraceLookup(DB, book);
    private final AtomicReference<PublishState> publish = new AtomicReference<>(PublishState.UNKNOWN);
    private final AtomicReference<CacheState> cache = new AtomicReference<>(CacheState.holding(0));
    // neither this console's consumer nor its live tail runs: those hops are concluded, not awaited
    private final TraceWatcher watcher = new TraceWatcher(book, publishes(publish::get), caches(cache::get), p -> false,
            () -> false, clock);

    @Test
    void aStuckTraceAnOperatorOpensAgainIsCheckedAtOnce() throws Exception {
        UUID id = UUID.randomUUID();
        book.committed(id, "k:s:prod:v1", "activated", 3, t0, "row_version 3");
        book.published(id, 0, HopRecord.seen(t0.plusSeconds(1), "partition 0, offset 1"));
        clock.set(t0.plusSeconds(5));
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().complete()).as("the cache still holds row_version 0").isFalse();
        clock.set(t0.plus(Duration.ofMinutes(20)));
        watcher.sweep(); // a look at the stuck traces: the cache is still old

        cache.set(CacheState.ABSENT); // another console's consumer catches up; a minute to the watcher's next look
        clock.set(t0.plus(Duration.ofMinutes(20)).plusSeconds(10));
        assertThat(lookup.load(id)).isTrue();
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.CACHE_VERIFIED)).as("checked once the trace was opened")
                .hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("key absent"));
    }

    @Test
    void aChangeTheBookDroppedIsRebuiltFromItsOutboxRowAndFollowedFromThen() throws Exception {
        RouteService service = new RouteService(DB, () -> { }); // no relay: it may stay pending
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("trace-lookup"), "svc", "dev", "v1");
        ChangeResult created = service.create(key, "https://svc.example.com", new OperatorContext("tl", "ws-1", false));
        UUID id = created.eventId();
        assertThat(lookup.load(id)).isTrue();
        assertThat(book.find(id).orElseThrow().routeKey()).isEqualTo(key.eventKey());
        watcher.sweep(); // the cache holds row_version 0, older than the change: not complete
        book.committed(UUID.randomUUID(), "a:b:c:v1", "created", 1, t0, "");
        book.committed(UUID.randomUUID(), "a:b:c:v2", "created", 1, t0, "");
        assertThat(book.find(id)).as("dropped: the book holds two traces").isEmpty();

        Instant later = t0.plus(Duration.ofMinutes(20));
        clock.set(later.minusSeconds(5));
        watcher.sweep(); // a look at the stuck traces, before the trace is opened again
        clock.set(later);
        cache.set(CacheState.ABSENT);
        publish.set(new PublishState(PublishState.Status.PUBLISHED, 1, 8L, later.minusSeconds(10), 1, null));
        assertThat(lookup.load(id)).isTrue();
        watcher.sweep();
        assertThat(book.find(id).orElseThrow().hop(Hop.CACHE_VERIFIED)).as("followed from the lookup on")
                .hasValueSatisfying(h -> assertThat(h.detail()).isEqualTo("key absent"));
    }

    @Test
    void anEventWithoutAnOutboxRowCannotBeTraced() throws Exception {
        UUID unknown = UUID.randomUUID();
        assertThat(lookup.load(unknown)).isFalse();
        assertThat(book.find(unknown)).isEmpty();
    }

    @Test
    void anOutboxRowsTimesAreReadOnThisWorkstationsClock() throws Exception {
        Clock anHourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1)); // of the database's
        TraceBook ahead = new TraceBook(2, anHourAhead);
        RouteService service = new RouteService(DB, () -> { }); // its commit is timed by the database's now()
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("trace-lookup-clock"), "svc", "dev", "v1");
        Instant before = anHourAhead.instant();
        UUID id = service.create(key, "https://svc.example.com", new OperatorContext("tl", "ws-1", false)).eventId();
        WritePathFixture.markPublished(List.of(id));

        assertThat(new TraceLookup(DB, ahead).load(id)).isTrue();
        ChangeTrace trace = ahead.find(id).orElseThrow();
        Instant after = anHourAhead.instant();
        assertThat(trace.hop(Hop.COMMITTED)).hasValueSatisfying(h -> assertThat(h.at()).isBetween(before.minusSeconds(5),
                after));
        assertThat(trace.hop(Hop.PUBLISHED)).hasValueSatisfying(h -> assertThat(h.at()).isBetween(before.minusSeconds(5),
                after));
    }
}
