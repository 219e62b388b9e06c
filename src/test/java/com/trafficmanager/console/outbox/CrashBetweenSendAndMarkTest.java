package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The relay dies after Kafka acknowledged a batch but before it marked the rows published. The next
 * relay finds the rows still pending and sends them again: the event reaches the topic twice, with the
 * same event_id, which is why consumers dedupe by event_id (at-least-once delivery).
 */
class CrashBetweenSendAndMarkTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aCrashBetweenSendAndMarkReSendsTheEventWithTheSameEventId() {
        String tenant = WritePathFixture.uniqueTenant("crash");
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), null);
        // rows earlier tests left pending (written without a relay) would fill the crashing relay's one
        // batch ahead of this test's row: publish them first
        try (OutboxRelay before = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig())) {
            before.start();
            Eventually.await("earlier tests' rows published", WAIT, () -> service.backlog().pendingCount() == 0);
        }
        try (TopicProbe probe = TopicProbe.fromEnd(WritePathFixture.endpoints().kafkaBootstrap(),
                WritePathFixture.endpoints().topic())) {
            ChangeResult change = service.create(new RouteKey(tenant, "payments", "prod", "v1"),
                    "https://pay.example.com", new OperatorContext("alice", "ws-1", false));
            String eventId = change.eventId().toString();

            try (OutboxRelay crashing = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig(), true)) {
                crashing.start();
                Eventually.await("the relay to send and then stop before marking", WAIT, crashing::crashedAfterSend);
            }
            List<ConsumerRecord<String, byte[]>> first = probe.await("the event sent before the crash", WAIT,
                    TopicProbe.keyStartsWith(tenant + ":"), l -> !l.isEmpty());
            assertThat(first).hasSize(1);
            assertThat(TopicProbe.header(first.get(0), EventHeaders.EVENT_ID)).isEqualTo(eventId);
            assertThat(service.publishState(change.eventId()).status())
                    .as("the crash left the row unmarked").isEqualTo(PublishState.Status.PENDING);

            try (OutboxRelay next = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig())) {
                next.start();
                Eventually.await("the next relay to publish and mark the row", WAIT,
                        () -> service.publishState(change.eventId()).published());
            }
            List<ConsumerRecord<String, byte[]>> all = probe.await("the event sent again", WAIT,
                    TopicProbe.keyStartsWith(tenant + ":"), l -> l.size() >= 2);
            assertThat(all).as("the event was re-sent after the crash with the same event_id, as a duplicate")
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(TopicProbe.header(r, EventHeaders.EVENT_ID)).isEqualTo(eventId));
            assertThat(all.get(1).value()).as("byte-for-byte the same event").isEqualTo(all.get(0).value());
            assertThat(all.get(1).offset()).isGreaterThan(all.get(0).offset());
            PublishState state = service.publishState(change.eventId());
            assertThat(state.offset()).as("the mark records the second send").isEqualTo(all.get(1).offset());
        }
    }
}
