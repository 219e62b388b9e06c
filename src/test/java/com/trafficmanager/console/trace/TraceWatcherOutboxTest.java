package com.trafficmanager.console.trace;

import static com.trafficmanager.console.trace.WatcherFakes.caches;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.BulkResult;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.VersionedKey;
import com.trafficmanager.console.testing.CountedConnections;
import com.trafficmanager.console.testing.DatabaseOutage;
import com.trafficmanager.console.testing.SettableClock;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher with the route service's publish-state read, as the session wires it, on the real
 * sandbox database: the traces of a bulk action held up by a Kafka outage cost one connection a sweep,
 * not one each, also while the database does not answer.
 */
class TraceWatcherOutboxTest {
    private static final DataSource DB = WritePathFixture.database().dataSource();
    private static final int ROUTES = 40;

    /** The route service's own login role: the outage takes its logins away, the server refuses them. */
    private final DatabaseOutage database = DatabaseOutage.newRole("trace_batch");
    /** Connections asked for by the route service (also those the server refuses while it is "down"). */
    private final AtomicInteger connections = new AtomicInteger();
    private final DataSource counting = CountedConnections.counting(database.dataSource(), connections);
    // the outbox's times are the database's: the test's clock starts at the real now
    private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final TraceBook book = new TraceBook(TraceBook.DEFAULT_CAPACITY, clock);

    @AfterEach
    void dropRole() {
        database.close();
    }

    @Test
    void theTracesOfABulkActionAreLookedUpInOneStatementPerSweep() throws Exception {
        RouteService service = new RouteService(counting, () -> { }); // no relay: the events stay pending
        service.addChangeListener(new ChangeTracer(book, clock)::committed);
        String tenant = WritePathFixture.uniqueTenant("trace-batch");
        OperatorContext ops = new OperatorContext("tw", "ws-1", false);
        List<VersionedKey> keys = new ArrayList<>();
        for (int i = 0; i < ROUTES; i++) {
            RouteKey key = new RouteKey(tenant, "svc", "dev", "v" + i);
            service.create(key, "https://svc.example.com/" + i, ops);
            keys.add(new VersionedKey(key, 1));
        }
        BulkResult bulk = service.bulkActivate(keys, ops);
        List<UUID> activations = bulk.changes().stream().map(ChangeResult::eventId).toList();
        TraceWatcher watcher = new TraceWatcher(book, service::publishStates, caches(() -> CacheState.ABSENT),
                p -> false, () -> false, clock);

        connections.set(0);
        watcher.sweep();
        assertThat(connections).as("one connection for the %d unpublished traces", 2 * ROUTES).hasValue(1);

        WritePathFixture.markPublished(activations); // Kafka is back: another console's relay publishes the bulk action
        clock.set(Instant.now().plusSeconds(30)); // past the grace for another console's consumer
        connections.set(0);
        watcher.sweep();
        assertThat(connections).hasValue(1);
        assertThat(activations).allSatisfy(id -> {
            ChangeTrace trace = book.find(id).orElseThrow();
            assertThat(trace.hop(Hop.PUBLISHED)).hasValueSatisfying(h -> assertThat(h.detail())
                    .startsWith("partition 2, offset ").endsWith("(published by another console's relay)"));
            assertThat(trace.hop(Hop.CACHE_VERIFIED)).hasValueSatisfying(h -> assertThat(h.detail())
                    .isEqualTo("key absent"));
        });

        for (int i = 0; i < ROUTES; i++) { // changes the outbox does not know, so unpublished whatever else runs
            book.committed(UUID.randomUUID(), tenant + ":other:dev:v" + i, "created", 1, clock.instant(), "");
        }
        database.down();
        connections.set(0);
        watcher.sweep();
        assertThat(connections).as("the database that does not answer is asked once, not once per trace").hasValue(1);
    }

    @Test
    void anotherConsolesPublishIsTimedOnThisWorkstationsClock() {
        Clock anHourAhead = Clock.offset(Clock.systemUTC(), Duration.ofHours(1)); // of the database's
        TraceBook ahead = new TraceBook(TraceBook.DEFAULT_CAPACITY, anHourAhead);
        RouteService service = new RouteService(DB, () -> { }, anHourAhead); // no relay: another console's publishes
        service.addChangeListener(new ChangeTracer(ahead, anHourAhead)::committed);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("trace-clock"), "svc", "dev", "v1");
        UUID id = service.create(key, "https://svc.example.com", new OperatorContext("tw", "ws-1", false)).eventId();
        TraceWatcher watcher = new TraceWatcher(ahead, service::publishStates, caches(() -> CacheState.holding(0)),
                p -> false, () -> false, anHourAhead);

        Instant before = anHourAhead.instant();
        WritePathFixture.markPublished(List.of(id));
        watcher.sweep();
        ChangeTrace trace = ahead.find(id).orElseThrow();
        assertThat(trace.hop(Hop.PUBLISHED)).as("published just now, not an hour before the commit")
                .hasValueSatisfying(h -> assertThat(h.at()).isBetween(before.minusSeconds(5), anHourAhead.instant()));
        assertThat(trace.hop(Hop.SEEN_BY_TAIL)).as("within the tail's grace: nothing concluded yet").isEmpty();
        assertThat(trace.hop(Hop.PROCESSED)).as("within the consumer's grace: nothing concluded yet").isEmpty();
    }
}
