package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.connect.ServerHealth;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.stream.TailStatus;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.WritePathFixture;
import com.trafficmanager.console.trace.ChangeTrace;
import com.trafficmanager.console.trace.Hop;
import com.trafficmanager.console.trace.HopRecord;
import com.trafficmanager.console.trace.OverdueHops;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A change followed end to end on the sandbox by a whole console session: committed, published
 * (partition and offset), processed by the invalidation consumer, cache verified; and, with Kafka
 * stopped, reported as not published with the backlog until Kafka returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangeTraceTest {
    private static ConsoleSession session;
    private static ScheduledExecutorService pulses;

    @BeforeAll
    static void open() {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        WritePathFixture.database(); // migrated once per JVM
        session = ConsoleSession.open(new ConnectionTarget("sandbox", true, e.jdbcUrl(), e.jdbcUser(), "",
                e.kafkaBootstrap(), Map.of(), e.redisUri(), null, null, e.topic(), "trace-test-invalidator",
                Set.of("prod"), false, "tracer"));
        session.health().start(); // as the window starts it: the trace's lateness check reads it
        session.liveStream().start();
        // the Live events tab takes what the tail queued once per pulse; a tail nobody takes from waits for
        // its reader (TailQueue) and, after two batches, reads nothing more: so the test takes from it too
        pulses = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-pulses");
            t.setDaemon(true);
            return t;
        });
        pulses.scheduleAtFixedRate(() -> session.liveStream().tail().queue().drain(), 0, 16, TimeUnit.MILLISECONDS);
        Eventually.await("the live tail to read every partition", Duration.ofSeconds(60),
                () -> session.liveStream().tail().status().state() == TailStatus.State.LIVE);
        // the consumer's own report is the processed hop only once it owns the partitions
        Eventually.await("the invalidation consumer to own every partition", Duration.ofSeconds(60),
                () -> session.invalidation().consumer().running()
                        && session.invalidation().consumer().assignedPartitions().size()
                        == session.liveStream().tail().partitions().size());
    }

    @AfterAll
    static void close() {
        pulses.shutdownNow();
        session.close();
    }

    @Test
    @Order(1)
    void aChangeIsTracedThroughEveryHop() {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("trace"), "payments", "prod", "v2");
        ChangeResult created = session.routes().create(key, "https://pay.example.com/v2", session.operator());
        awaitComplete(created);
        Eventually.await("the live tail's hop", Duration.ofSeconds(30),
                () -> session.traces().find(created.eventId()).flatMap(t -> t.hop(Hop.SEEN_BY_TAIL)).isPresent());
        ChangeTrace trace = session.traces().find(created.eventId()).orElseThrow();
        assertThat(trace.hop(Hop.COMMITTED).orElseThrow().detail()).isEqualTo("row_version 1");
        assertThat(trace.hop(Hop.PUBLISHED).orElseThrow().detail()).matches("partition \\d, offset \\d+.*");
        assertThat(trace.partition()).isBetween(0, 5);
        assertThat(trace.hop(Hop.SEEN_BY_TAIL).orElseThrow().detail())
                .isEqualTo(trace.hop(Hop.PUBLISHED).orElseThrow().detail().replaceAll(" \\(.*", ""));
        String publishedAt = trace.hop(Hop.PUBLISHED).orElseThrow().detail().replaceAll(" \\(.*", "");
        HopRecord processed = trace.hop(Hop.PROCESSED).orElseThrow();
        assertThat(processed.witnessed()).as("reported by this console's consumer: %s", processed.detail()).isTrue();
        assertThat(processed.detail()).matches("(deleted|absent) \\(" + java.util.regex.Pattern.quote(publishedAt) + "\\)");
        assertThat(trace.hop(Hop.CACHE_VERIFIED).orElseThrow().detail()).isIn("key absent", "key holds row_version 1");
        assertThat(trace.latencyTo(Hop.PUBLISHED)).isPresent();
    }

    @Test
    @Order(2) // last: it bounces the broker under the session's tail and consumer, which the first test must not inherit
    void withKafkaStoppedTheTraceSaysNotPublishedWithTheBacklogThenCompletes() throws Exception {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("trace-out"), "payments", "prod", "v2");
        Sandbox sandbox = TestSandbox.shared();
        ChangeResult created;
        sandbox.stopKafka();
        try {
            created = session.routes().create(key, "https://pay.example.com/v2", session.operator());
            // what the window's lateness check is given: Kafka's health as the monitor sees it, the backlog
            Eventually.await("the health monitor to see Kafka gone", Duration.ofSeconds(60),
                    () -> kafkaHealth() != ServerHealth.Status.CONNECTED);
            long backlog = session.routes().backlog().pendingCount();
            assertThat(backlog).isGreaterThanOrEqualTo(1);
            ChangeTrace trace = session.traces().find(created.eventId()).orElseThrow();
            assertThat(trace.hop(Hop.PUBLISHED)).as("the relay tried while the monitor noticed; nothing acked it")
                    .isEmpty();
            Instant later = trace.hop(Hop.COMMITTED).orElseThrow().at().plusSeconds(6);
            boolean kafkaReachable = kafkaHealth() == ServerHealth.Status.CONNECTED;
            assertThat(OverdueHops.check(trace, new OverdueHops.Context(later, kafkaReachable, backlog,
                    session.invalidation().consumer().running())))
                    .contains("not published after 5 s: Kafka unreachable, backlog " + backlog);
        } finally {
            sandbox.startKafka();
        }
        awaitComplete(created);
    }

    private static ServerHealth.Status kafkaHealth() {
        return session.health().current().stream().filter(h -> h.server().equals("Kafka"))
                .map(ServerHealth::status).findFirst().orElseThrow();
    }

    private static ChangeTrace awaitComplete(ChangeResult change) {
        Eventually.await("the trace of " + change.eventId() + " to complete", Duration.ofSeconds(90),
                () -> session.traces().find(change.eventId()).map(ChangeTrace::complete).orElse(false));
        return session.traces().find(change.eventId()).orElseThrow();
    }
}
