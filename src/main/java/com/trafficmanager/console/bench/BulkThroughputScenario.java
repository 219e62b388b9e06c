package com.trafficmanager.console.bench;

import com.trafficmanager.console.route.BulkResult;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.VersionedKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bulk-throughput}: 10,000 changes as 100 bulk actions of 100 routes each (activate or
 * deactivate a group of 100, one transaction each), timed from the first commit until Kafka has
 * acknowledged all 10,000 events. {@value #WRITERS} operators issue bulk actions at the same time, on
 * groups of their own, as operators on several consoles would; each waits for its own commit before
 * the next action. Floor: raw producer throughput from {@code floors}. Targets: at least 10,000
 * changes/s and at least 0.3 x the raw producer rate; the figure's target is the stricter of the two.
 */
public final class BulkThroughputScenario implements BenchScenario {
    public static final String NAME = "bulk-throughput";
    static final int BULK_SIZE = 100;
    static final int BULKS = 100;
    private static final int GROUPS = 10;
    static final int WRITERS = 2;
    private static final long WARM_UP_MAX_MILLIS = 60_000;
    private static final double TARGET_RATE = 10_000;
    private static final double TARGET_RATIO = 0.3;
    private static final Duration ACK_WAIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        try (WritePathBench bench = new WritePathBench(context)) {
            List<List<Route>> groups = createRoutes(bench);
            long warmUpMillis = warmUp(bench, groups);

            List<UUID> events = Collections.synchronizedList(new ArrayList<>(BULKS * BULK_SIZE));
            long[] commitNanos = new long[BULKS];
            long start = System.nanoTime();
            writeBulks(bench, groups, events, commitNanos);
            bench.awaitAcks(new ArrayList<>(events), ACK_WAIT);
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = events.size() / seconds;

            List<Figure> figures = new ArrayList<>();
            if (context.hasFloors()) {
                double raw = context.floor("raw_produce_per_s");
                figures.add(Figure.againstFloor("bulk_changes_per_s", rate, "changes/s", raw,
                        Math.max(TARGET_RATE, TARGET_RATIO * raw)));
            } else {
                figures.add(Figure.withTarget("bulk_changes_per_s", rate, "changes/s", TARGET_RATE));
            }
            figures.add(Figure.of("bulk_warm_up_ms", warmUpMillis, "ms"));
            figures.add(Figure.of("bulk_action_commit_p50_ms", WritePathBench.percentileMs(commitNanos, 50), "ms"));
            figures.add(Figure.of("bulk_action_commit_p99_ms", WritePathBench.percentileMs(commitNanos, 99), "ms"));
            return figures;
        }
    }

    /**
     * Runs the measured workload, unmeasured, until the JIT compilers have settled ({@link JitWarmUp}; the
     * raw producer's floor is warmed the same way). Hazard: after a fixed warm-up of 50 sequential bulk
     * actions the C2 compiler thread still used about a third of the two cores' time through the measured
     * run (its CPU time counted from /proc), so the figure measured the JIT as much as the write path.
     *
     * @return how long the warm-up took, in ms
     */
    private static long warmUp(WritePathBench bench, List<List<Route>> groups) throws Exception {
        return JitWarmUp.repeat(() -> {
            List<UUID> events = Collections.synchronizedList(new ArrayList<>(BULKS * BULK_SIZE));
            writeBulks(bench, groups, events, new long[BULKS]);
            bench.awaitAcks(new ArrayList<>(events), ACK_WAIT);
        }, WARM_UP_MAX_MILLIS);
    }

    /** {@value #BULKS} bulk actions by {@value #WRITERS} writers, each waiting for its own commit before the next. */
    private static void writeBulks(WritePathBench bench, List<List<Route>> groups, List<UUID> events,
                                   long[] commitNanos) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    // writer w owns the groups g with g % WRITERS == w, and every WRITERS-th slot
                    for (int b = writer; b < BULKS; b += WRITERS) {
                        long t0 = System.nanoTime();
                        BulkResult result = bulkRound(bench, groups, b);
                        commitNanos[b] = System.nanoTime() - t0;
                        result.changes().forEach(c -> events.add(c.eventId()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static List<List<Route>> createRoutes(WritePathBench bench) throws Exception {
        List<List<Route>> groups = new ArrayList<>();
        List<UUID> created = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            List<Route> group = new ArrayList<>();
            for (int i = 0; i < BULK_SIZE; i++) {
                ChangeResult r = bench.service.create(new RouteKey(bench.tenant, "svc-" + g + "-" + i, "prod", "v1"),
                        "https://svc-" + g + "-" + i + ".bench.example.com", WritePathBench.OPERATOR);
                group.add(r.after());
                created.add(r.eventId());
            }
            groups.add(group);
        }
        bench.awaitAcks(created, ACK_WAIT);
        return groups;
    }

    /** Flips one group of 100 routes in one bulk action and keeps the group's row versions current. */
    private static BulkResult bulkRound(WritePathBench bench, List<List<Route>> groups, int round) {
        List<Route> group = groups.get(round % GROUPS);
        List<VersionedKey> keys = group.stream().map(VersionedKey::of).toList();
        BulkResult result = group.get(0).active()
                ? bench.service.bulkDeactivate(keys, WritePathBench.OPERATOR)
                : bench.service.bulkActivate(keys, WritePathBench.OPERATOR);
        group.clear();
        result.changes().forEach(c -> group.add(c.after())); // in key order, which is fine for the next round
        return result;
    }
}
