package com.trafficmanager.console.bench;

import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.outbox.PublishedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code write-latency}: 2,000 single-route changes one after the other, each waited for until Kafka
 * acknowledges its event. Commit latency is the service call (validate, lock, write route, history
 * and outbox, commit); commit-to-ack runs from the start of that call to Kafka's acknowledgement of the
 * relay's send. Floors: raw commit and raw produce-ack (one event-sized record sent and acknowledged)
 * from {@code floors} in the same run. Target: commit-to-ack p99 at most 2 x (raw commit p99 + raw
 * produce-ack p99).
 */
public final class WriteLatencyScenario implements BenchScenario {
    public static final String NAME = "write-latency";
    static final int CHANGES = 2_000;
    private static final int ROUTES = 20;
    private static final int WARMUP = 200;
    private static final Duration ACK_WAIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        try (WritePathBench bench = new WritePathBench(context)) {
            List<Route> routes = new ArrayList<>();
            List<java.util.UUID> created = new ArrayList<>();
            for (int i = 0; i < ROUTES; i++) {
                ChangeResult r = bench.service.create(new RouteKey(bench.tenant, "svc-" + i, "prod", "v1"),
                        "https://svc-" + i + ".bench.example.com", WritePathBench.OPERATOR);
                routes.add(r.after());
                created.add(r.eventId());
            }
            bench.awaitAcks(created, ACK_WAIT);
            for (int i = 0; i < WARMUP; i++) {
                change(bench, routes, i);
            }
            long[] commit = new long[CHANGES];
            long[] toAck = new long[CHANGES];
            for (int i = 0; i < CHANGES; i++) {
                long t0 = System.nanoTime();
                ChangeResult r = toggle(bench, routes, i);
                commit[i] = System.nanoTime() - t0;
                PublishedEvent ack = bench.awaitAck(r.eventId(), ACK_WAIT);
                toAck[i] = ack.ackNanos() - t0;
            }
            return figures(context, commit, toAck);
        }
    }

    private static void change(WritePathBench bench, List<Route> routes, int i) throws Exception {
        bench.awaitAck(toggle(bench, routes, i).eventId(), ACK_WAIT);
    }

    private static ChangeResult toggle(WritePathBench bench, List<Route> routes, int i) {
        int slot = i % routes.size();
        Route r = routes.get(slot);
        ChangeResult result = r.active()
                ? bench.service.deactivate(r.key(), r.rowVersion(), WritePathBench.OPERATOR)
                : bench.service.activate(r.key(), r.rowVersion(), WritePathBench.OPERATOR);
        routes.set(slot, result.after());
        return result;
    }

    private static List<Figure> figures(BenchContext context, long[] commit, long[] toAck) {
        double c50 = WritePathBench.percentileMs(commit, 50);
        double c99 = WritePathBench.percentileMs(commit, 99);
        double a50 = WritePathBench.percentileMs(toAck, 50);
        double a99 = WritePathBench.percentileMs(toAck, 99);
        if (!context.hasFloors()) {
            return List.of(Figure.of("commit_p50_ms", c50, "ms"), Figure.of("commit_p99_ms", c99, "ms"),
                    Figure.of("commit_to_ack_p50_ms", a50, "ms"), Figure.of("commit_to_ack_p99_ms", a99, "ms"));
        }
        double floor50 = context.floor("raw_commit_p50_ms") + context.floor("raw_produce_ack_p50_ms");
        double floor99 = context.floor("raw_commit_p99_ms") + context.floor("raw_produce_ack_p99_ms");
        return List.of(
                Figure.againstFloor("commit_p50_ms", c50, "ms", context.floor("raw_commit_p50_ms"), null),
                Figure.againstFloor("commit_p99_ms", c99, "ms", context.floor("raw_commit_p99_ms"), null),
                Figure.againstFloor("commit_to_ack_p50_ms", a50, "ms", floor50, null),
                Figure.againstFloor("commit_to_ack_p99_ms", a99, "ms", floor99, 2 * floor99));
    }
}
