package com.trafficmanager.console.bench;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.invalidation.InvalidationConfig;
import com.trafficmanager.console.invalidation.InvalidationConsumer;
import com.trafficmanager.console.invalidation.InvalidateStepFloor;
import com.trafficmanager.console.invalidation.Outcome;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;

/**
 * {@code invalidation-drain}: a backlog of 100,000 route events (ten each for 10,000 routes, whose keys
 * are cached once before the drain: a route's first event deletes its key, the other nine find it
 * absent; the step's other writes, the remembered id and the marker, are the same either way) on a
 * topic of its own, drained by the console's consumer with a fresh group. The rate runs from the end
 * of the first batch's Redis round to the end of the last one's (the group join is reported apart),
 * after a warm-up drain of {@value #WARM_UP_EVENTS} events that is not measured, against raw
 * pipelined Redis DEL throughput from {@code floors}. Targets: at least 20,000 events/s and at least
 * 0.3 x the raw DEL rate; the figure's target is the stricter of the two. Also read against the
 * invalidate step alone ({@link InvalidateStepFloor}), the ceiling of this consumer's design.
 */
public final class InvalidationDrainScenario implements BenchScenario {
    public static final String NAME = "invalidation-drain";
    static final int EVENTS = 100_000;
    private static final int WARM_UP_EVENTS = 50_000;
    private static final int ROUTES = 10_000;
    private static final double TARGET_RATE = 20_000;
    private static final double TARGET_RATIO = 0.3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        SandboxEndpoints e = context.sandbox().endpoints();
        try (JedisPooled redis = new JedisPooled(URI.create(e.redisUri()))) {
            drain(e, redis, WARM_UP_EVENTS); // not measured: a console that runs for hours has compiled this code
            Drain measured = drain(e, redis, EVENTS);
            // the Redis step alone, with nothing of Kafka or decoding: the ceiling of this consumer's design. The
            // same work as the drain's: new routes (every marker written, not extended), the routes' keys cached
            int batch = InvalidationConfig.defaults(e.kafkaBootstrap(), "unused", "unused").maxPollRecords();
            InvalidateStepFloor.perSecond(redis, cacheRoutes(redis, "step-warm-"), ROUTES, WARM_UP_EVENTS, batch);
            double step = InvalidateStepFloor.perSecond(redis, cacheRoutes(redis, "step-"), ROUTES, EVENTS, batch);
            List<Figure> figures = new ArrayList<>();
            if (context.hasFloors()) {
                double raw = context.floor("raw_pipelined_del_per_s");
                // the figure's target is the stricter of the two
                figures.add(Figure.againstFloor("drain_per_s", measured.steadyPerS, "events/s", raw,
                        Math.max(TARGET_RATE, TARGET_RATIO * raw)));
            } else {
                figures.add(Figure.withTarget("drain_per_s", measured.steadyPerS, "events/s", TARGET_RATE));
            }
            figures.add(Figure.of("drain_with_join_per_s", measured.withJoinPerS, "events/s"));
            figures.add(Figure.againstFloor("drain_vs_invalidate_step", measured.steadyPerS, "events/s", step, null));
            return figures;
        }
    }

    private record Drain(double steadyPerS, double withJoinPerS) {
    }

    /** Produces a backlog of {@code events} on a new topic, caches its routes, and drains it with a new group. */
    private static Drain drain(SandboxEndpoints e, JedisPooled redis, int events) throws Exception {
        String topic = "bench-inval-drain-" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = cacheRoutes(redis, "drain-");
        try (Admin admin = Admin.create(KafkaClients.adminProperties(e.kafkaBootstrap(), Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        produceBacklog(e, topic, tenant, events);
        InvalidationConfig config = InvalidationConfig.defaults(e.kafkaBootstrap(), topic, "bench-drain-" + tenant);
        AtomicLong seen = new AtomicLong();
        AtomicLong deleted = new AtomicLong();
        long[] firstDone = {0};
        long[] firstSize = {0};
        long[] lastDone = {0};
        CountDownLatch drained = new CountDownLatch(1);
        try (InvalidationConsumer consumer = new InvalidationConsumer(config, redis)) {
            consumer.addListener((batch, doneNanos) -> {
                if (firstDone[0] == 0) {
                    firstDone[0] = doneNanos;
                    firstSize[0] = batch.size();
                }
                deleted.addAndGet(batch.stream().filter(ev -> ev.outcome() == Outcome.DELETED).count());
                if (seen.addAndGet(batch.size()) >= events) {
                    lastDone[0] = doneNanos;
                    drained.countDown();
                }
            });
            long start = System.nanoTime();
            consumer.start();
            if (!drained.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the backlog was not drained within 300 s: " + seen.get() + " of "
                        + events + " events");
            }
            if (deleted.get() != ROUTES) {
                throw new IllegalStateException("expected " + ROUTES + " keys deleted, got " + deleted.get());
            }
            return new Drain((events - firstSize[0]) / ((lastDone[0] - firstDone[0]) / 1e9),
                    events / ((lastDone[0] - start) / 1e9));
        }
    }

    /** A new tenant whose {@value #ROUTES} routes are cached: {@code prefix} and a random part. */
    private static String cacheRoutes(JedisPooled redis, String prefix) {
        String tenant = prefix + UUID.randomUUID().toString().substring(0, 8);
        try (Pipeline p = redis.pipelined()) {
            for (int i = 0; i < ROUTES; i++) {
                p.set("route:" + tenant + ":svc-" + i + ":prod:v1", "cached");
            }
            p.sync();
        }
        return tenant;
    }

    private static void produceBacklog(SandboxEndpoints e, String topic, String tenant, int events) throws Exception {
        Map<String, Object> props = new HashMap<>(KafkaClients.producerProperties(e.kafkaBootstrap(), Map.of()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // the backlog only needs to be there: on a loaded machine the idempotent producer's retries can
        // wedge on OUT_OF_ORDER_SEQUENCE; a retried duplicate here is just a duplicate for the consumer
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        AtomicLong failed = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            Instant now = Instant.now();
            for (int i = 0; i < events; i++) {
                int route = i % ROUTES;
                RouteChangedEvent ev = RouteChangedEvent.of(EventIds.next(), Action.UPDATED, tenant, "svc-" + route,
                        "prod", "v1", "https://svc-" + route + ".example.com/" + i, now, "bench", "req-" + i,
                        (long) (i / ROUTES + 2));
                producer.send(new ProducerRecord<>(topic, ev.key(), EventCodec.encode(ev)), (md, ex) -> {
                    if (ex != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " backlog records could not be produced");
        }
    }
}
