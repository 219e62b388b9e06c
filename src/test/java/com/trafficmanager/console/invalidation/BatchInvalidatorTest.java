package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.testing.TestSandbox;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * The invalidate script in chunks on the sandbox's Redis: every event gets the outcome it would get
 * alone, in record order, across chunk boundaries; one event's refusal leaves the others done; a
 * Redis that lost its scripts is served again.
 */
class BatchInvalidatorTest {
    private final JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()));
    private final String tenant = "batch-" + UUID.randomUUID().toString().substring(0, 8);
    private final BatchInvalidator invalidator = new BatchInvalidator(redis,
            InvalidationConfig.defaults("unused:9092", "unused", "unused"));

    @AfterEach
    void tearDown() {
        redis.close();
    }

    private RouteChangedEvent event(int route, Long revision) {
        return RouteChangedEvent.of(EventIds.next(), Action.UPDATED, tenant, "svc-" + route, "prod", "v1",
                "https://svc.example.com/" + route, Instant.now(), "tester", "req", revision);
    }

    private String routeKey(int route) {
        return "route:" + tenant + ":svc-" + route + ":prod:v1";
    }

    @Test
    void everyEventGetsItsOwnOutcomeAcrossChunkBoundaries() throws Exception {
        int routes = BatchInvalidator.CHUNK + 50;
        List<RouteChangedEvent> events = new ArrayList<>();
        for (int i = 0; i < routes; i++) {
            redis.set(routeKey(i), "cached");
            events.add(event(i, 5L));
        }
        for (int i = 0; i < routes; i++) {
            events.add(event(i, 6L)); // the same routes again, in the next chunk: already deleted
        }
        events.add(events.get(0)); // the first event delivered twice in one batch
        RouteChangedEvent withoutRevision = event(routes + 1, null);
        events.add(withoutRevision);

        BatchInvalidator.Result result = invalidator.invalidate(events);

        assertThat(result.outcomes()).hasSize(events.size());
        assertThat(result.outcomes().subList(0, routes)).containsOnly(Outcome.DELETED);
        assertThat(result.outcomes().subList(routes, 2 * routes)).containsOnly(Outcome.ABSENT);
        assertThat(result.outcomes().get(2 * routes)).isEqualTo(Outcome.DUPLICATE);
        assertThat(result.outcomes().get(2 * routes + 1)).isEqualTo(Outcome.ABSENT);
        assertThat(result.errors()).containsOnlyNulls();
        assertThat(redis.get(CacheKeys.marker(events.get(0).key()))).isEqualTo("6");
        assertThat(redis.get(CacheKeys.marker(withoutRevision.key()))).isEqualTo("?" + withoutRevision.eventId());
        assertThat(redis.exists(routeKey(routes - 1))).isFalse();
    }

    @Test
    void oneEventsRefusalLeavesTheOthersDone() throws Exception {
        RouteChangedEvent before = event(1, 3L);
        RouteChangedEvent refused = event(2, 3L);
        RouteChangedEvent after = event(3, 3L);
        redis.hset(CacheKeys.marker(refused.key()), "not", "a string"); // the marker's GET fails: wrong type
        for (int i = 1; i <= 3; i++) {
            redis.set(routeKey(i), "cached");
        }

        BatchInvalidator.Result result = invalidator.invalidate(List.of(before, refused, after));

        assertThat(result.outcomes()).containsExactly(Outcome.DELETED, null, Outcome.DELETED);
        assertThat(result.errors().get(1)).contains("WRONGTYPE");
        assertThat(redis.exists(routeKey(1))).isFalse();
        assertThat(redis.exists(routeKey(3))).isFalse();
        assertThat(redis.get(CacheKeys.marker(after.key()))).isEqualTo("3");
        // the refused event's key is gone all the same (no stale value is served), and its id is not remembered:
        // once its marker is mended, a redelivery does the whole step and is no duplicate
        assertThat(redis.exists(routeKey(2))).as("the refused event's route key").isFalse();
        assertThat(redis.exists(CacheKeys.seen(refused.eventId()))).as("the refused event's id remembered").isFalse();
        redis.del(CacheKeys.marker(refused.key()));
        assertThat(invalidator.invalidate(List.of(refused)).outcomes()).containsExactly(Outcome.ABSENT);
        assertThat(redis.get(CacheKeys.marker(refused.key()))).isEqualTo("3");
    }

    @Test
    void aRedisThatLostItsScriptsIsServedAgain() throws Exception {
        invalidator.invalidate(List.of(event(1, 1L)));
        redis.scriptFlush(routeKey(1)); // as after a restart: the script cache is empty
        redis.set(routeKey(7), "cached");

        BatchInvalidator.Result result = invalidator.invalidate(List.of(event(7, 2L)));

        assertThat(result.outcomes()).containsExactly(Outcome.DELETED);
        assertThat(redis.exists(routeKey(7))).isFalse();
    }

    @Test
    void aRefusedScriptCallIsReportedAsRedisUnavailableSoTheBatchIsRetried() throws Exception {
        redis.set(routeKey(9), "cached");
        try (Jedis admin = new Jedis(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            String maxmemory = admin.configGet("maxmemory").get("maxmemory");
            String policy = admin.configGet("maxmemory-policy").get("maxmemory-policy");
            admin.configSet("maxmemory-policy", "noeviction");
            admin.configSet("maxmemory", "1"); // every write is refused: OOM
            try {
                assertThatThrownBy(() -> invalidator.invalidate(List.of(event(9, 4L))))
                        .isInstanceOf(RedisUnavailableException.class).hasMessageContaining("OOM");
            } finally {
                admin.configSet("maxmemory", maxmemory);
                admin.configSet("maxmemory-policy", policy);
            }
        }
        assertThat(redis.exists(routeKey(9))).as("nothing of the refused call ran").isTrue();
        assertThat(invalidator.invalidate(List.of(event(9, 4L))).outcomes()).containsExactly(Outcome.DELETED);
    }

    @Test
    void aDuplicateSaysWhatItsIdWasRememberedWithWhenTheRoundHasAToken() throws Exception {
        RouteChangedEvent cached = event(1, 2L);
        RouteChangedEvent notCached = event(2, 2L);
        RouteChangedEvent before = event(3, 2L);
        redis.set(routeKey(1), "cached");
        invalidator.invalidate(List.of(before)); // remembered by a round without a token
        invalidator.invalidate(List.of(cached, notCached), "round-a:"); // a round that then broke off
        redis.set(routeKey(1), "filled again"); // filled after the step: no duplicate may delete it

        BatchInvalidator.Result retried = invalidator.invalidate(List.of(cached, notCached, before), "round-b:");

        assertThat(retried.outcomes()).containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.DUPLICATE);
        assertThat(retried.remembered()).containsExactly("round-a:1", "round-a:0", "0");
        assertThat(invalidator.invalidate(List.of(cached, notCached)).remembered()).as("a round without a token")
                .containsOnlyNulls();
        assertThat(redis.get(routeKey(1))).isEqualTo("filled again");
    }
}
