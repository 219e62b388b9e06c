package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.HistoryEntry;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Published outbox rows are pruned after the retention period; the history keeps the change and
 * reports its event as no longer in the outbox.
 */
class PruneTest {

    @Test
    void publishedRowsArePrunedAfterTheRetentionAndHistoryStays() {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), null);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("prune"), "payments", "prod", "v1");
        ChangeResult change = service.create(key, "https://pay.example.com", new OperatorContext("alice", "ws", false));
        assertThat(service.publishState(change.eventId()).status()).isEqualTo(PublishState.Status.PENDING);

        OutboxRelayConfig config = WritePathFixture.relayConfig()
                .withRetention(Duration.ofMillis(1), Duration.ofMillis(50));
        try (OutboxRelay relay = new OutboxRelay(WritePathFixture.database(), config)) {
            relay.start();
            Eventually.await("the published row to be pruned", Duration.ofSeconds(30),
                    () -> service.publishState(change.eventId()).status() == PublishState.Status.UNKNOWN);
        }
        HistoryEntry entry = service.history(key).get(0);
        assertThat(entry.eventId()).isEqualTo(change.eventId());
        assertThat(entry.publishState().describe()).isEqualTo("not in the outbox");
    }

    @Test
    void aRowNotYetPublishedIsNeverPrunedHoweverOld() throws Exception {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), null);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("prune-pending"), "payments", "prod", "v1");
        ChangeResult change = service.create(key, "https://pay.example.com", new OperatorContext("alice", "ws", false));
        try (Connection c = WritePathFixture.database().dataSource().getConnection()) {
            // written a month ago and still waiting (Kafka down all along): older than any retention
            try (PreparedStatement ps = c.prepareStatement(
                    "update outbox set created_at = now() - interval '30 days' where event_id = ?")) {
                ps.setObject(1, change.eventId());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            OutboxRepository.prunePublished(c, Duration.ofMillis(1), 100_000);
        }
        assertThat(service.publishState(change.eventId()).status()).isEqualTo(PublishState.Status.PENDING);
    }
}
