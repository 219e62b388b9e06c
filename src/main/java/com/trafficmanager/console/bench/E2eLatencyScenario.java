package com.trafficmanager.console.bench;

import com.trafficmanager.console.invalidation.CacheKeys;
import com.trafficmanager.console.invalidation.InvalidationConfig;
import com.trafficmanager.console.invalidation.InvalidationConsumer;
import com.trafficmanager.console.invalidation.Outcome;
import com.trafficmanager.console.invalidation.ProcessedEvent;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.JedisPooled;

/**
 * {@code e2e-latency}: a route change from the start of the {@code RouteService} call (validate, commit
 * with its outbox row) through the relay, Kafka and the console's invalidation consumer until Redis
 * has deleted the route's cached key. 1,000 changes one after the other, each on a route whose key was
 * cached just before. Floor: the sum of raw commit, raw produce-to-consume and raw DEL from
 * {@code floors}, per percentile. Targets: p99 at most 2 x the floor sum, p50 at most 15 ms.
 */
public final class E2eLatencyScenario implements BenchScenario {
    public static final String NAME = "e2e-latency";
    private static final int CHANGES = 1_000;
    private static final int WARMUP = 100;
    private static final int ROUTES = 20;
    private static final double TARGET_P50_MS = 15;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        SandboxEndpoints e = context.sandbox().endpoints();
        Map<String, CompletableFuture<ProcessedEvent>> deletions = new ConcurrentHashMap<>();
        Map<String, Long> doneAt = new ConcurrentHashMap<>();
        try (WritePathBench bench = new WritePathBench(context);
             JedisPooled redis = new JedisPooled(URI.create(e.redisUri()))) {
            // a group of its own that starts at the end of the topic: earlier scenarios' events are not ours
            InvalidationConfig config = InvalidationConfig.defaults(e.kafkaBootstrap(), e.topic(),
                    "bench-e2e-" + UUID.randomUUID().toString().substring(0, 8))
                    .withKafkaProperties(Map.of("auto.offset.reset", "latest"));
            try (InvalidationConsumer consumer = new InvalidationConsumer(config, redis)) {
                consumer.addListener((events, doneNanos) -> {
                    for (ProcessedEvent ev : events) {
                        if (ev.eventId() != null) {
                            doneAt.put(ev.eventId(), doneNanos);
                            deletions.computeIfAbsent(ev.eventId(), id -> new CompletableFuture<>()).complete(ev);
                        }
                    }
                });
                consumer.start();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (consumer.assignedPartitions().size() < 6) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the consumer was not assigned the topic's partitions");
                    }
                    LockSupport.parkNanos(10_000_000L);
                }
                List<Route> routes = new ArrayList<>();
                for (int i = 0; i < ROUTES; i++) {
                    ChangeResult r = bench.service.create(new RouteKey(bench.tenant, "e2e-" + i, "prod", "v1"),
                            "https://e2e-" + i + ".bench.example.com", WritePathBench.OPERATOR);
                    routes.add(r.after());
                    await(deletions, r.eventId().toString());
                }
                for (int i = 0; i < WARMUP; i++) {
                    change(bench, redis, routes, i, deletions);
                }
                long[] samples = new long[CHANGES];
                for (int i = 0; i < CHANGES; i++) {
                    Sample s = change(bench, redis, routes, i, deletions);
                    samples[i] = doneAt.get(s.eventId) - s.startNanos;
                }
                return figures(context, samples);
            }
        }
    }

    private record Sample(String eventId, long startNanos) {
    }

    private static Sample change(WritePathBench bench, JedisPooled redis, List<Route> routes, int i,
                                 Map<String, CompletableFuture<ProcessedEvent>> deletions) throws Exception {
        int slot = i % routes.size();
        Route r = routes.get(slot);
        redis.set(CacheKeys.route(r.key()), "cached");
        long t0 = System.nanoTime();
        ChangeResult result = r.active()
                ? bench.service.deactivate(r.key(), r.rowVersion(), WritePathBench.OPERATOR)
                : bench.service.activate(r.key(), r.rowVersion(), WritePathBench.OPERATOR);
        routes.set(slot, result.after());
        ProcessedEvent ev = await(deletions, result.eventId().toString());
        if (ev.outcome() != Outcome.DELETED) {
            throw new IllegalStateException("the change of " + r.key() + " was " + ev.outcome() + ", expected DELETED");
        }
        return new Sample(result.eventId().toString(), t0);
    }

    private static ProcessedEvent await(Map<String, CompletableFuture<ProcessedEvent>> deletions, String eventId)
            throws Exception {
        ProcessedEvent ev = deletions.computeIfAbsent(eventId, id -> new CompletableFuture<>())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        deletions.remove(eventId);
        return ev;
    }

    private static List<Figure> figures(BenchContext context, long[] samples) {
        double p50 = WritePathBench.percentileMs(samples, 50);
        double p99 = WritePathBench.percentileMs(samples, 99);
        if (!context.hasFloors()) {
            return List.of(Figure.withTarget("e2e_p50_ms", p50, "ms", TARGET_P50_MS), Figure.of("e2e_p99_ms", p99, "ms"));
        }
        double floor50 = context.floor("raw_commit_p50_ms") + context.floor("raw_produce_consume_p50_ms")
                + context.floor("raw_del_p50_ms");
        double floor99 = context.floor("raw_commit_p99_ms") + context.floor("raw_produce_consume_p99_ms")
                + context.floor("raw_del_p99_ms");
        return List.of(Figure.againstFloor("e2e_p50_ms", p50, "ms", floor50, TARGET_P50_MS),
                Figure.againstFloor("e2e_p99_ms", p99, "ms", floor99, 2 * floor99));
    }
}
