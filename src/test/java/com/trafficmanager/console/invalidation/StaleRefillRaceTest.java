package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.outbox.OutboxRelayConfig;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cache-aside race: a reader misses, reads the route from PostgreSQL, and is held there while the
 * route changes and the change's invalidation passes; when it goes on to write what it read, the fill
 * script refuses, so no stale value stays in the cache. The next read caches the new state.
 */
class StaleRefillRaceTest {
    private static final OperatorContext OP = new OperatorContext("rita", "ws-9", false);
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest(); // closed after tearDown
    private OutboxRelay relay;
    private InvalidationConsumer consumer;
    private RouteService routes;

    @BeforeEach
    void setUp() throws Exception {
        relay = new OutboxRelay(WritePathFixture.database(),
                OutboxRelayConfig.defaults(fx.endpoints.kafkaBootstrap(), fx.topic).withPollInterval(Duration.ofMillis(200)));
        relay.start();
        Eventually.await("the test's relay to publish", InvalidationFixture.WAIT, relay::isLeader);
        routes = new RouteService(WritePathFixture.database().dataSource(), relay::wake);
        consumer = new InvalidationConsumer(fx.config(fx.newGroup()), fx.redis);
        consumer.start();
    }

    @AfterEach
    void tearDown() {
        consumer.close();
        relay.close();
    }

    @Test
    void aFillHeldBetweenItsReadAndItsSetWhileAnInvalidationPassesLeavesNoStaleValue() throws Exception {
        RouteKey key = new RouteKey(fx.tenant, "payments", "prod", "v2");
        ChangeResult created = routes.create(key, "https://old.example.com", OP);
        awaitMarker(key, "1");

        CacheResolver resolver = resolver();
        HeldFill fill = holdFill(resolver, key);

        routes.updateUrl(key, "https://new.example.com", created.after().rowVersion(), OP);
        awaitMarker(key, "2"); // the invalidation of revision 2 has passed
        fill.proceed().countDown();

        Resolution stale = fill.resolution().get(30, TimeUnit.SECONDS);
        assertThat(stale.kind()).isEqualTo(Resolution.Kind.MISS_REFUSED_STALE);
        assertThat(stale.value().url()).isEqualTo("https://old.example.com");
        assertThat(fx.redis.get(CacheKeys.route(key))).as("no stale value in the cache").isNull();

        resolver.setFillHook(null);
        Resolution fresh = resolver.resolve(key);
        assertThat(fresh.kind()).isEqualTo(Resolution.Kind.MISS_FILLED);
        assertThat(fresh.value()).isEqualTo(new CachedRoute("https://new.example.com", "inactive", 2));
        Resolution hit = resolver.resolve(key);
        assertThat(hit.kind()).isEqualTo(Resolution.Kind.HIT);
        assertThat(hit.value()).isEqualTo(fresh.value());
    }

    @Test
    void anEventWithoutARevisionAlsoRefusesAFillThatReadBeforeIt() throws Exception {
        RouteKey key = new RouteKey(fx.tenant, "search", "prod", "v1");
        routes.create(key, "https://search.example.com", OP);
        awaitMarker(key, "1");
        CacheResolver resolver = resolver();
        HeldFill fill = holdFill(resolver, key);
        // a V1 writer's event: no revision field
        RouteChangedEvent v1 = RouteChangedEvent.of(EventIds.next(), Action.ACTIVATED, key.tenant(), key.service(),
                key.env(), key.version(), "https://search.example.com", Instant.now(), "legacy", "req", null);
        fx.send(v1);
        awaitMarker(key, "?" + v1.eventId());
        fill.proceed().countDown();
        assertThat(fill.resolution().get(30, TimeUnit.SECONDS).kind()).isEqualTo(Resolution.Kind.MISS_REFUSED_STALE);
        assertThat(fx.redis.get(CacheKeys.route(key))).isNull();
        resolver.setFillHook(null);
        assertThat(resolver.resolve(key).kind()).as("a read after the marker may fill").isEqualTo(Resolution.Kind.MISS_FILLED);
    }

    /** A resolve whose fill has read the database and waits, before its SET, until {@code proceed} opens. */
    private record HeldFill(CompletableFuture<Resolution> resolution, CountDownLatch proceed) {
    }

    private CacheResolver resolver() {
        return new CacheResolver(fx.redis, routes::find, Duration.ofMinutes(5), Duration.ofSeconds(60));
    }

    private static HeldFill holdFill(CacheResolver resolver, RouteKey key) throws InterruptedException {
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        resolver.setFillHook((k, route) -> {
            read.countDown();
            await(proceed);
        });
        CompletableFuture<Resolution> held = CompletableFuture.supplyAsync(() -> resolver.resolve(key));
        assertThat(read.await(30, TimeUnit.SECONDS)).as("the fill read the database").isTrue();
        return new HeldFill(held, proceed);
    }

    private void awaitMarker(RouteKey key, String value) {
        Eventually.await("the marker of " + key + " to be " + value, InvalidationFixture.WAIT,
                () -> value.equals(fx.redis.get(CacheKeys.marker(key))));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
