package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.UUID;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * Redis goes away (or stays but refuses writes, out of memory, or answers BUSY while another client's
 * script runs) while events arrive: the consumer pauses and retries in its group, commits nothing past
 * the records it could not process, and once Redis is back processes every one of them by itself.
 * The sandbox's Redis keeps nothing across a restart, so what proves each event went through the new
 * Redis is its remembered event id and revision marker there.
 */
class RedisOutageTest {
    private static final int WARM = 6;
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    /** Events 0..WARM-1, sent before the consumer starts, so each test begins with a group that committed. */
    private void sendWarmUp() throws Exception {
        for (int i = 0; i < WARM; i++) {
            fx.send(fx.event(i, 1));
        }
    }

    private void startPastWarmUp(InvalidationConsumer consumer, String group) {
        consumer.start();
        Eventually.await("the warm-up events processed and committed", InvalidationFixture.WAIT,
                () -> consumer.counters().snapshot().total().processed() >= WARM && fx.committedAtEnd(group));
    }

    private void cacheRoutes(int first, int n) {
        for (int i = 0; i < n; i++) {
            fx.redis.set(fx.routeKey(first + i), "cached");
        }
    }

    @Test
    void noOffsetIsCommittedPastUnprocessedRecordsAndEveryKeyIsInvalidatedOnceRedisIsBack() throws Exception {
        Sandbox sandbox = TestSandbox.shared();
        String group = fx.newGroup();
        int warm = WARM;
        int n = 40;
        sendWarmUp();
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            startPastWarmUp(consumer, group);
            Map<TopicPartition, Long> before = fx.endOffsets();
            List<RouteChangedEvent> events = new ArrayList<>();
            try {
                sandbox.stopRedis();
                for (int i = 0; i < n; i++) {
                    RouteChangedEvent e = fx.event(100 + i, 5);
                    events.add(e);
                    fx.send(e);
                }
                long retriesAtStop = consumer.counters().snapshot().retries();
                Eventually.await("the consumer waiting for Redis and retrying", InvalidationFixture.WAIT,
                        () -> consumer.state() == ConsumerState.WAITING_FOR_REDIS
                                && consumer.counters().snapshot().retries() >= retriesAtStop + 3);
                Map<TopicPartition, Long> committed = fx.committed(group);
                for (Map.Entry<TopicPartition, Long> e : before.entrySet()) {
                    assertThat(committed.getOrDefault(e.getKey(), 0L)).as("committed offset of %s", e.getKey())
                            .isLessThanOrEqualTo(e.getValue());
                }
                assertThat(consumer.counters().snapshot().total().processed()).isEqualTo(warm);
                assertThat(consumer.counters().snapshot().total().errors()).isPositive();
            } finally {
                sandbox.startRedis();
            }
            Eventually.await("every event processed after Redis returned", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= warm + n);
            Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
            Counts total = consumer.counters().snapshot().total();
            assertThat(total.absent()).isEqualTo(warm + n); // nothing was cached
            assertThat(total.duplicates()).isZero();
            for (RouteChangedEvent e : events) {
                assertThat(fx.redis.exists(CacheKeys.seen(e.eventId()))).as("event %s went through Redis", e.eventId())
                        .isTrue();
                assertThat(fx.redis.get(CacheKeys.marker(e.key()))).isEqualTo("5");
                assertThat(fx.redis.exists(CacheKeys.route(e.key()))).isFalse();
            }
        }
    }

    @Test
    void aRedisOutOfMemoryHoldsTheEventsBackInsteadOfSkippingThem() throws Exception {
        String group = fx.newGroup();
        int warm = WARM;
        int n = 30;
        sendWarmUp();
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis);
             Jedis admin = new Jedis(URI.create(fx.endpoints.redisUri()))) {
            startPastWarmUp(consumer, group);
            cacheRoutes(200, n);
            Map<TopicPartition, Long> before = fx.endOffsets();
            String maxmemory = admin.configGet("maxmemory").get("maxmemory");
            String policy = admin.configGet("maxmemory-policy").get("maxmemory-policy");
            try {
                admin.configSet("maxmemory-policy", "noeviction");
                admin.configSet("maxmemory", "1"); // Redis answers, but refuses every write: OOM
                for (int i = 0; i < n; i++) {
                    fx.send(fx.event(200 + i, 3));
                }
                long errorsAtStart = consumer.counters().snapshot().total().errors();
                Eventually.await("the consumer holding the batch back and retrying", InvalidationFixture.WAIT,
                        () -> consumer.state() == ConsumerState.WAITING_FOR_REDIS
                                && consumer.counters().snapshot().total().errors() >= errorsAtStart + 2);
                assertThat(consumer.stateDetail()).contains("OOM");
                Map<TopicPartition, Long> committed = fx.committed(group);
                for (Map.Entry<TopicPartition, Long> e : before.entrySet()) {
                    assertThat(committed.getOrDefault(e.getKey(), 0L)).as("committed offset of %s", e.getKey())
                            .isLessThanOrEqualTo(e.getValue());
                }
                assertThat(consumer.counters().snapshot().total().processed()).as("no event skipped").isEqualTo(warm);
            } finally {
                admin.configSet("maxmemory", maxmemory);
                admin.configSet("maxmemory-policy", policy);
            }
            Eventually.await("every event processed once Redis takes writes again", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= warm + n);
            Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            assertThat(consumer.counters().snapshot().total().deleted()).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                assertThat(fx.redis.exists(fx.routeKey(200 + i))).as("key %d invalidated", 200 + i).isFalse();
            }
        }
    }

    @Test
    void aBusyRedisIsWaitedForInTheGroupNotByLeavingIt() throws Exception {
        String group = fx.newGroup();
        int warm = WARM;
        int n = 20;
        sendWarmUp();
        // a consumer that stopped polling while it waits would be put out of the group after 3 s
        InvalidationConfig config = fx.config(group).withKafkaProperties(Map.of("max.poll.interval.ms", "3000"))
                .withRetry(Duration.ofMillis(100), Duration.ofMillis(500));
        try (InvalidationConsumer consumer = new InvalidationConsumer(config, fx.redis);
             Jedis admin = new Jedis(URI.create(fx.endpoints.redisUri()))) {
            startPastWarmUp(consumer, group);
            cacheRoutes(300, n);
            long rebalances = consumer.counters().snapshot().rebalances();
            String limit = admin.configGet("lua-time-limit").get("lua-time-limit");
            Thread busy = new Thread(() -> {
                try (Jedis other = new Jedis(URI.create(fx.endpoints.redisUri()), 60_000)) {
                    other.eval("while true do end", 0); // ends when SCRIPT KILL stops it
                } catch (RuntimeException killed) {
                    // the script was killed: what this test does on purpose
                }
            }, "busy-script");
            try {
                admin.configSet("lua-time-limit", "100"); // others hear BUSY after 100 ms instead of 5 s
                busy.start();
                try (Jedis probe = new Jedis(URI.create(fx.endpoints.redisUri()))) {
                    Eventually.await("Redis answering BUSY", InvalidationFixture.WAIT, () -> {
                        try {
                            probe.ping();
                            return false;
                        } catch (redis.clients.jedis.exceptions.JedisBusyException e) {
                            return true;
                        }
                    });
                }
                for (int i = 0; i < n; i++) {
                    fx.send(fx.event(300 + i, 3));
                }
                long retriesAtStart = consumer.counters().snapshot().retries();
                Eventually.await("the consumer waiting for Redis and retrying", InvalidationFixture.WAIT,
                        () -> consumer.state() == ConsumerState.WAITING_FOR_REDIS
                                && consumer.counters().snapshot().retries() >= retriesAtStart + 3);
                // a commit succeeds only for a member of the group: three keep-alive commits (3 s apart) while
                // it waits span twice max.poll.interval.ms, which a consumer that stopped polling would not outlast
                long commitsWhileWaiting = consumer.counters().snapshot().total().commits();
                Eventually.await("three keep-alive commits while waiting for Redis", InvalidationFixture.WAIT,
                        () -> consumer.counters().snapshot().total().commits() >= commitsWhileWaiting + 3);
                assertThat(consumer.state()).isEqualTo(ConsumerState.WAITING_FOR_REDIS);
                assertThat(consumer.stateDetail()).contains("BUSY");
                assertThat(consumer.counters().snapshot().rebalances()).as("rebalances while Redis was busy")
                        .isEqualTo(rebalances);
                assertThat(consumer.counters().snapshot().total().processed()).isEqualTo(warm);
            } finally {
                try (Jedis killer = new Jedis(URI.create(fx.endpoints.redisUri()))) {
                    killer.scriptKill();
                }
                busy.join(30_000);
                admin.configSet("lua-time-limit", limit);
            }
            Eventually.await("every event processed once the script was killed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= warm + n);
            Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            assertThat(consumer.counters().snapshot().total().deleted()).isEqualTo(n);
            assertThat(consumer.counters().snapshot().rebalances()).isEqualTo(rebalances);
        }
    }

    @Test
    void aLoginRefusedToANewConnectionInTheMiddleOfABigBatchIsWaitedForInTheGroup() throws Exception {
        String group = fx.newGroup();
        String user = "inval-" + UUID.randomUUID().toString().substring(0, 8);
        int warm = WARM;
        // more than one script chunk: the pipeline opens while the batch is still being added (the path under
        // test; a first poll of fewer than 200 would open it at the end instead, and pass either way: the paused
        // partitions and the short fetch wait make the 300 come in one poll, which the largest batch checks)
        int n = 300;
        AtomicInteger largestBatch = new AtomicInteger();
        sendWarmUp();
        URI uri = URI.create(fx.endpoints.redisUri());
        try (Jedis admin = new Jedis(uri)) {
            admin.aclSetUser(user, "on", ">first", "~*", "+@all");
            // no idle connections kept: each round opens a new one, so its AUTH meets the changed password
            try (JedisPooled asUser = pooledAs(uri, user, "first");
                 InvalidationConsumer consumer = new InvalidationConsumer(
                         fx.config(group).withRetry(Duration.ofMillis(100), Duration.ofMillis(500))
                                 // a fetch still waiting at the pause answers at once, before the events are sent
                                 .withKafkaProperties(Map.of("fetch.max.wait.ms", "10")), asUser)) {
                consumer.addListener((events, redisDoneNanos) ->
                        largestBatch.accumulateAndGet(events.size(), Math::max));
                startPastWarmUp(consumer, group);
                long rebalances = consumer.counters().snapshot().rebalances();
                consumer.pause(); // the events wait on the topic, to come in one poll
                Eventually.await("paused", InvalidationFixture.WAIT, () -> consumer.state() == ConsumerState.PAUSED);
                cacheRoutes(500, n);
                for (int i = 0; i < n; i++) {
                    fx.send(fx.event(500 + i, 2));
                }
                admin.aclSetUser(user, "resetpass", ">second"); // the password changed under the console
                consumer.resume();
                Eventually.await("the consumer waiting for Redis", InvalidationFixture.WAIT,
                        () -> consumer.state() == ConsumerState.WAITING_FOR_REDIS);
                assertThat(consumer.stateDetail()).contains("WRONGPASS");
                assertThat(consumer.counters().snapshot().total().processed()).isEqualTo(warm);

                admin.aclSetUser(user, "resetpass", ">first");
                Eventually.await("every event processed once the login works again", InvalidationFixture.WAIT,
                        () -> consumer.counters().snapshot().total().processed() >= warm + n);
                Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
                assertThat(consumer.counters().snapshot().total().deleted()).isEqualTo(n);
                assertThat(consumer.counters().snapshot().rebalances()).as("the consumer stayed in its group")
                        .isEqualTo(rebalances);
                // a refused batch is not told to listeners: this is the one it was polled again as, from the same
                // offsets, with all n records on the topic already when the refused one was polled
                assertThat(largestBatch.get()).as("the largest batch processed, in events")
                        .isGreaterThan(BatchInvalidator.CHUNK);
            } finally {
                admin.aclDelUser(user);
            }
        }
    }

    @Test
    void eventsABrokenOffRoundHadRunCountOnceWhenTheBatchIsRetriedNotAsDuplicates() throws Exception {
        String group = fx.newGroup();
        String user = "inval-" + UUID.randomUUID().toString().substring(0, 8);
        int warm = WARM;
        int n = 300; // two script chunks: 200 and 100
        sendWarmUp();
        URI uri = URI.create(fx.endpoints.redisUri());
        RouteChangedEvent elsewhere = RouteChangedEvent.of(com.trafficmanager.console.event.EventIds.next(),
                com.trafficmanager.console.event.Action.UPDATED, "other-" + user, "svc", "prod", "v1",
                "https://svc.example.com/", java.time.Instant.now(), "tester", "req", 2L);
        try (Jedis admin = new Jedis(uri)) {
            // this user may touch the fixture tenant's keys only: the chunk that holds the other tenant's event is
            // refused as a whole (NOPERM), the other chunk runs: a round broken off half-way, as by a lost connection
            String tenant = fx.routeKey(0).split(":")[1];
            admin.aclSetUser(user, "on", ">pw", "~route:" + tenant + ":*", "~route-rev:" + tenant + ":*",
                    "~" + CacheKeys.SEEN_PREFIX + "*", "+@all");
            try (JedisPooled asUser = pooledAs(uri, user, "pw");
                 InvalidationConsumer consumer = new InvalidationConsumer(
                         fx.config(group).withKafkaProperties(Map.of("fetch.max.wait.ms", "10")), asUser)) {
                startPastWarmUp(consumer, group);
                consumer.pause(); // the events wait on the topic, to come in one poll
                Eventually.await("paused", InvalidationFixture.WAIT, () -> consumer.state() == ConsumerState.PAUSED);
                cacheRoutes(700, n - 1);
                List<RouteChangedEvent> events = new ArrayList<>();
                for (int i = 0; i < n - 1; i++) {
                    events.add(fx.event(700 + i, 2));
                }
                events.add(n / 2, elsewhere);
                for (RouteChangedEvent e : events) {
                    fx.send(e);
                }
                consumer.resume();
                Eventually.await("the consumer holding the batch back for NOPERM", InvalidationFixture.WAIT,
                        () -> consumer.state() == ConsumerState.WAITING_FOR_REDIS
                                && String.valueOf(consumer.stateDetail()).contains("NOPERM"));
                assertThat(consumer.counters().snapshot().total().processed()).isEqualTo(warm);
                long ran = events.stream().filter(e -> fx.redis.exists(CacheKeys.seen(e.eventId()))).count();
                assertThat(ran).as("events the refused batch's other chunk ran").isBetween(1L, (long) n - 1);

                admin.aclSetUser(user, "allkeys");
                Eventually.await("every event processed once the user may touch every key", InvalidationFixture.WAIT,
                        () -> consumer.counters().snapshot().total().processed() >= warm + n);
                Eventually.await("committed at the end", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
                Counts total = consumer.counters().snapshot().total();
                assertThat(total.duplicates()).as("duplicates").isZero();
                assertThat(total.deleted()).as("deleted").isEqualTo(n - 1);
                assertThat(total.absent()).as("already absent").isEqualTo(warm + 1);
                assertThat(total.processed()).isEqualTo(warm + n);
                for (int i = 0; i < n - 1; i++) {
                    assertThat(fx.redis.exists(fx.routeKey(700 + i))).as("key %d invalidated", 700 + i).isFalse();
                }
            } finally {
                admin.aclDelUser(user);
            }
        }
    }

    /** A pool that keeps no idle connection, logged in as {@code user}: each round opens a connection of its own. */
    private static JedisPooled pooledAs(URI uri, String user, String password) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxIdle(0);
        return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort()),
                DefaultJedisClientConfig.builder().user(user).password(password).build(), pool);
    }
}
