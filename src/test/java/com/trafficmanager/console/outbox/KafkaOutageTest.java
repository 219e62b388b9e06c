package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away while operators keep working: every change still commits, the outbox holds the
 * events, and once the broker is back every one of them arrives, in commit order per route.
 */
class KafkaOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int ROUTES = 20;
    private static final int CHANGES = 200;

    @Test
    void changesDuringAnOutageAllCommitAndAllArriveInOrderAfterwards() throws Exception {
        // the producer keeps the records and delivers them when the broker is back
        outage(WritePathFixture.relayConfig(), false);
    }

    @Test
    void sendsThatFailDuringAnOutageBackOffAndStillArriveInOrder() throws Exception {
        // short producer timeouts: sends fail during the outage, keys back off, the error shows in the backlog
        OutboxRelayConfig failFast = WritePathFixture.relayConfig()
                .withProducerOverrides(Map.of("delivery.timeout.ms", 1500, "request.timeout.ms", 1000,
                        "max.block.ms", 1000))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        outage(failFast, true);
    }

    @Test
    void aRelayWhoseSendsAllExpireWhileSendItselfGoesOnGivesUpThePublishLock() throws Exception {
        // the broker's metadata kept (no re-bootstrap, long max age): during the outage send() itself goes on
        // taking records, and only their callbacks fail; a long pause makes the step aside observable
        OutboxRelayConfig config = WritePathFixture.relayConfig()
                .withProducerOverrides(Map.of("delivery.timeout.ms", 1500, "request.timeout.ms", 1000,
                        "linger.ms", 0, "metadata.recovery.strategy", "none", "metadata.max.age.ms", 600_000))
                .withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(10));
        Sandbox sandbox = TestSandbox.shared();
        OperatorContext op = new OperatorContext("olga", "ws-3", false);
        try (OutboxRelay relay = new OutboxRelay(WritePathFixture.database(), config)) {
            relay.start();
            RouteService service = new RouteService(WritePathFixture.database().dataSource(), relay::wake);
            ChangeResult created = service.create(new RouteKey(WritePathFixture.uniqueTenant("expire"), "svc", "prod",
                    "v1"), "https://svc.example.com", op);
            Eventually.await("the create published (the topic's metadata cached)", WAIT,
                    () -> service.publishState(created.eventId()).published());
            assertThat(relay.isLeader()).isTrue();
            ChangeResult during;
            try {
                sandbox.stopKafka();
                during = service.activate(created.key(), created.after().rowVersion(), op);
                Eventually.await("the relay to give up the publish lock", WAIT, () -> !relay.isLeader());
            } finally {
                sandbox.startKafka();
            }
            Eventually.await("the change published once the broker is back", WAIT,
                    () -> service.publishState(during.eventId()).published());
        }
    }

    private void outage(OutboxRelayConfig config, boolean awaitFailedSends) throws Exception {
        Sandbox sandbox = TestSandbox.shared();
        String tenant = WritePathFixture.uniqueTenant("outage");
        OperatorContext op = new OperatorContext("olga", "ws-3", false);
        try (OutboxRelay relay = new OutboxRelay(WritePathFixture.database(), config);
             TopicProbe probe = TopicProbe.fromEnd(sandbox.endpoints().kafkaBootstrap(), sandbox.endpoints().topic())) {
            relay.start();
            RouteService service = new RouteService(WritePathFixture.database().dataSource(), relay::wake);
            Map<RouteKey, Route> routes = new LinkedHashMap<>();
            List<UUID> createdEvents = new ArrayList<>();
            for (int i = 0; i < ROUTES; i++) {
                ChangeResult created = service.create(new RouteKey(tenant, "svc-" + i, "prod", "v1"),
                        "https://svc-" + i + ".example.com", op);
                routes.put(created.key(), created.after());
                createdEvents.add(created.eventId());
            }
            Eventually.await("the creates to be published before the outage", WAIT,
                    () -> createdEvents.stream().allMatch(id -> service.publishState(id).published()));

            // commit order of the outage's events, per key
            Map<String, List<UUID>> committed = new LinkedHashMap<>();
            try {
                sandbox.stopKafka();
                for (int n = 0; n < CHANGES; n++) {
                    RouteKey key = new ArrayList<>(routes.keySet()).get(n % ROUTES);
                    Route r = routes.get(key);
                    ChangeResult result = r.active()
                            ? service.deactivate(key, r.rowVersion(), op)
                            : service.activate(key, r.rowVersion(), op);
                    routes.put(key, result.after());
                    committed.computeIfAbsent(result.eventKey(), k -> new ArrayList<>()).add(result.eventId());
                }
                assertThat(committed.values().stream().mapToInt(List::size).sum()).as("all changes committed")
                        .isEqualTo(CHANGES);
                Backlog backlog = service.backlog();
                assertThat(backlog.pendingCount()).as("the outage shows in the backlog").isGreaterThanOrEqualTo(CHANGES);
                if (awaitFailedSends) {
                    Eventually.await("a failed send to show in the backlog", WAIT,
                            () -> service.backlog().lastError() != null);
                    assertThat(relay.lastError()).isNotNull();
                    // a key tries its first pending row again after backing off; the rows behind it wait untried
                    List<UUID> firstKeysRows = committed.values().iterator().next();
                    Eventually.await("the key's first row tried again", WAIT, () -> attempts(firstKeysRows.get(0)) >= 2);
                    for (UUID behind : firstKeysRows.subList(1, firstKeysRows.size())) {
                        assertThat(attempts(behind)).as("a row behind the failing one").isZero();
                    }
                }
            } finally {
                sandbox.startKafka();
            }

            List<ConsumerRecord<String, byte[]>> records = probe.await("all " + CHANGES + " outage events", WAIT,
                    TopicProbe.keyStartsWith(tenant + ":"), l -> distinctOutageEvents(l, committed) == CHANGES);

            Map<String, List<UUID>> arrived = new LinkedHashMap<>();
            Map<String, List<Long>> revisions = new LinkedHashMap<>();
            Set<UUID> seen = new LinkedHashSet<>();
            for (ConsumerRecord<String, byte[]> rec : records) {
                RouteChangedEvent e = EventCodec.decode(rec.value());
                if (!committed.get(rec.key()).contains(e.eventId()) || !seen.add(e.eventId())) {
                    continue; // the create event, or a duplicate (at-least-once)
                }
                arrived.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(e.eventId());
                revisions.computeIfAbsent(rec.key(), k -> new ArrayList<>()).add(e.revision());
            }
            assertThat(arrived.keySet()).containsExactlyInAnyOrderElementsOf(committed.keySet());
            for (String key : committed.keySet()) {
                assertThat(arrived.get(key)).as("events of %s, none missing, in commit order", key)
                        .containsExactlyElementsOf(committed.get(key));
                assertThat(revisions.get(key)).as("revisions of %s", key).isSorted();
            }
            Eventually.await("every outage event marked published", WAIT,
                    () -> committed.values().stream().flatMap(List::stream)
                            .allMatch(id -> service.publishState(id).published()));
        }
    }

    private static long distinctOutageEvents(List<ConsumerRecord<String, byte[]>> records,
                                             Map<String, List<UUID>> committed) {
        Set<String> ids = new java.util.HashSet<>();
        Set<String> wanted = new java.util.HashSet<>();
        committed.values().forEach(l -> l.forEach(id -> wanted.add(id.toString())));
        for (ConsumerRecord<String, byte[]> r : records) {
            String id = TopicProbe.header(r, "event_id");
            if (wanted.contains(id)) {
                ids.add(id);
            }
        }
        return ids.size();
    }

    private static int attempts(UUID eventId) {
        try (var c = WritePathFixture.database().dataSource().getConnection();
             var ps = c.prepareStatement("select attempts from outbox where event_id = ?")) {
            ps.setObject(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
