package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two consoles on one database each run a relay: the advisory lock lets only one publish. When it
 * stops, the other takes over, and no event goes missing.
 */
class TwoRelaysTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void onlyOnePublishesAndTheOtherTakesOverWhenItStops() {
        String tenant = WritePathFixture.uniqueTenant("two");
        OperatorContext op = new OperatorContext("alice", "ws-1", false);
        OutboxRelay a = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig());
        OutboxRelay b = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig());
        try (TopicProbe probe = TopicProbe.fromEnd(WritePathFixture.endpoints().kafkaBootstrap(),
                WritePathFixture.endpoints().topic())) {
            a.start();
            b.start();
            Eventually.await("one relay to take the lock", WAIT, () -> a.isLeader() || b.isLeader());
            OutboxRelay leader = a.isLeader() ? a : b;
            OutboxRelay standby = leader == a ? b : a;
            // both are woken after every commit, as two consoles' relays would be by their own writes
            RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> {
                a.wake();
                b.wake();
            });

            Set<String> eventIds = new LinkedHashSet<>();
            for (int i = 0; i < 30; i++) {
                ChangeResult r = service.create(new RouteKey(tenant, "svc-" + i, "prod", "v1"), "https://e.example.com", op);
                eventIds.add(r.eventId().toString());
            }
            Eventually.await("the first 30 events published", WAIT,
                    () -> eventIds.stream().allMatch(id -> service.publishState(java.util.UUID.fromString(id)).published()));
            // a relay counts a batch just after marking it in the database, so the count may trail what a
            // reader of the outbox sees by a moment
            Eventually.await("the leader to count the 30 it published", WAIT, () -> leader.publishedCount() >= 30);
            assertThat(standby.isLeader()).isFalse();
            assertThat(standby.publishedCount()).as("the standby published nothing").isZero();

            leader.close();
            for (int i = 30; i < 60; i++) {
                ChangeResult r = service.create(new RouteKey(tenant, "svc-" + i, "prod", "v1"), "https://e.example.com", op);
                eventIds.add(r.eventId().toString());
            }
            Eventually.await("the standby to take over", WAIT, standby::isLeader);
            Eventually.await("the next 30 events published by the new holder", WAIT,
                    () -> eventIds.stream().allMatch(id -> service.publishState(java.util.UUID.fromString(id)).published()));
            Eventually.await("the new holder to count the 30 it published", WAIT, () -> standby.publishedCount() >= 30);

            Set<String> onTopic = new HashSet<>();
            probe.await("all 60 events on the topic", WAIT, TopicProbe.keyStartsWith(tenant + ":"), l -> {
                l.forEach(r -> onTopic.add(TopicProbe.header(r, "event_id")));
                return onTopic.containsAll(eventIds);
            });
            assertThat(onTopic).as("no event missing").containsAll(eventIds);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void aHolderThatCannotReachKafkaStandsAsideForOneThatCan() {
        String tenant = WritePathFixture.uniqueTenant("aside");
        // this console's Kafka address leads nowhere (a VPN dropped, split DNS): it cannot publish
        OutboxRelay cutOff = new OutboxRelay(WritePathFixture.database(), OutboxRelayConfig
                .defaults("127.0.0.1:1", WritePathFixture.endpoints().topic())
                .withPollInterval(Duration.ofMillis(200))
                .withProducerOverrides(java.util.Map.of("max.block.ms", 1_000)));
        OutboxRelay healthy = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig());
        try (cutOff; healthy) {
            cutOff.start();
            Eventually.await("the cut-off relay to hold the lock", WAIT, cutOff::isLeader);
            healthy.start();
            RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> {
                cutOff.wake();
                healthy.wake();
            });
            ChangeResult r = service.create(new RouteKey(tenant, "svc", "prod", "v1"), "https://e.example.com",
                    new OperatorContext("alice", "ws-1", false));
            Eventually.await("the event published by the relay that reaches Kafka", WAIT,
                    () -> service.publishState(r.eventId()).published());
            assertThat(healthy.publishedCount()).isPositive();
            assertThat(cutOff.publishedCount()).isZero();
        }
    }
}
