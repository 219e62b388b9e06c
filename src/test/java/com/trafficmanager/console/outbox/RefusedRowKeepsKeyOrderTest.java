package com.trafficmanager.console.outbox;

import static com.trafficmanager.console.testing.WritePathFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker refuses one row of a key (here: larger than the topic's {@code max.message.bytes}) while
 * it would take the key's next row. The next row must not be published before the refused one: it
 * waits, the refused row backs off, and other keys go on. Sent together, the producer would split the
 * refused batch and the broker would take the later row alone, ahead of the earlier one.
 */
class RefusedRowKeepsKeyOrderTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final OperatorContext ALICE = new OperatorContext("alice", "ws-1", false);
    private final String tenant = WritePathFixture.uniqueTenant("refused");

    @AfterEach
    void removeTheStuckRows() throws Exception {
        // the refused row would go on failing; other tests' relays on this database must not meet it
        try (Connection c = WritePathFixture.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("delete from outbox where event_key like ? and published_at is null")) {
            ps.setString(1, tenant + ":%");
            ps.executeUpdate();
        }
    }

    @Test
    void aLaterRowOfTheKeyWaitsForTheRefusedOneAndOtherKeysGoOn() throws Exception {
        String topic = "small-records-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = WritePathFixture.endpoints().kafkaBootstrap();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1).configs(Map.of("max.message.bytes", "1500"))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), null);
        RouteKey key = new RouteKey(tenant, "catalogue", "prod", "v1");
        RouteKey other = onThePartitionOf(key);
        // committed while no relay runs, so one cycle reads all five rows; the other key's second row goes
        // out beside the refused one, on the same partition
        ChangeResult created = service.create(key, "https://catalogue.example.com", ALICE);
        ChangeResult otherCreated = service.create(other, "https://other.example.com", ALICE);
        String longUrl = "https://catalogue.example.com/" + "a".repeat(1900);
        ChangeResult refused = service.updateUrl(key, longUrl, created.after().rowVersion(), ALICE);
        ChangeResult otherKey = service.updateUrl(other, "https://other.example.com/v2",
                otherCreated.after().rowVersion(), ALICE);
        ChangeResult later = service.updateUrl(key, "https://catalogue.example.com/short", refused.after().rowVersion(),
                ALICE);

        try (TopicProbe probe = TopicProbe.fromEnd(bootstrap, topic);
             OutboxRelay relay = new OutboxRelay(WritePathFixture.database(),
                     OutboxRelayConfig.defaults(bootstrap, topic).withPollInterval(Duration.ofMillis(200)))) {
            relay.start();
            // twice: a cycle after the refusal has run too, so a later row it wrongly let through would be out
            Eventually.await("the refused row's failure recorded on two cycles", WAIT, () -> count(
                    "select count(*) from outbox where event_id = ?::uuid and attempts > 1 and last_error is not null",
                    refused.eventId().toString()) == 1);
            Eventually.await("the other key published", WAIT, () -> service.publishState(otherKey.eventId()).published());

            probe.await("the events of the tenant", WAIT, TopicProbe.keyStartsWith(tenant + ":"), l -> l.size() >= 3);
            List<ConsumerRecord<String, byte[]>> events = probe.drain(TopicProbe.keyStartsWith(tenant + ":"));
            List<UUID> ids = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : events) {
                ids.add(EventCodec.decode(r.value()).eventId());
            }
            assertThat(ids).as("on the topic: nothing of the key after its refused row")
                    .containsExactlyInAnyOrder(created.eventId(), otherCreated.eventId(), otherKey.eventId());
            assertThat(service.publishState(created.eventId()).published()).as("the key's row before the refused one")
                    .isTrue();
            assertThat(service.publishState(refused.eventId()).published()).isFalse();
            assertThat(service.publishState(later.eventId()).published()).as("the row after the refused one").isFalse();
        }
    }

    /** Another route of the tenant whose key Kafka's default partitioner puts on the same of 6 partitions. */
    private RouteKey onThePartitionOf(RouteKey key) {
        int partition = EventKeys.partitionFor(key.eventKey(), 6);
        for (int i = 0; ; i++) {
            RouteKey other = new RouteKey(tenant, "other-" + i, "prod", "v1");
            if (EventKeys.partitionFor(other.eventKey(), 6) == partition) {
                return other;
            }
        }
    }
}
