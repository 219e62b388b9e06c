package com.trafficmanager.console.bench;

import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.outbox.OutboxRelayConfig;
import com.trafficmanager.console.outbox.PublishedEvent;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The write path as the console runs it, opened on the run's sandbox for a write-path scenario: the
 * database, a relay (which must win the publish lock) and the route service, plus acknowledgement
 * tracking by event id. Each run uses a tenant of its own, so runs do not disturb each other's routes.
 */
final class WritePathBench implements AutoCloseable {
    static final OperatorContext OPERATOR = new OperatorContext("bench", OperatorContext.localHostName(), false);
    private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

    final Database database;
    final OutboxRelay relay;
    final RouteService service;
    final String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final ConcurrentHashMap<UUID, CompletableFuture<PublishedEvent>> acks = new ConcurrentHashMap<>();

    WritePathBench(BenchContext context) {
        SandboxEndpoints e = context.sandbox().endpoints();
        database = Database.open(e.jdbcUrl(), e.jdbcUser(), "");
        relay = new OutboxRelay(database, OutboxRelayConfig.defaults(e.kafkaBootstrap(), e.topic()));
        relay.addListener(events -> events.forEach(ev -> ack(ev.eventId()).complete(ev)));
        relay.start();
        service = new RouteService(database.dataSource(), relay::wake);
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (!relay.isLeader()) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("the benchmark's relay did not get the publish lock within "
                        + LEADER_WAIT.toSeconds() + " s: is another console publishing on this database?");
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private CompletableFuture<PublishedEvent> ack(UUID eventId) {
        return acks.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    /** Waits for Kafka's acknowledgement of the event and forgets it. */
    PublishedEvent awaitAck(UUID eventId, Duration timeout) throws Exception {
        PublishedEvent e = ack(eventId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        acks.remove(eventId);
        return e;
    }

    void awaitAcks(List<UUID> eventIds, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (UUID id : eventIds) {
            awaitAck(id, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }

    /** The value at the given percentile (nearest rank) of nanosecond samples, in milliseconds. */
    static double percentileMs(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
    }

    @Override
    public void close() {
        relay.close();
        database.close();
    }
}
