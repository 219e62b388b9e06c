package com.trafficmanager.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.HistoryEntry;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.SettableClock;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log on the real sandbox: filters, time range, paging, and the event's metadata on the topic. */
class AuditLogTest {
    private static final Instant T0 = Instant.parse("2021-03-01T10:00:00Z");
    private static final OperatorContext ALICE = new OperatorContext("alice-audit", "ws-alice", false);
    private static final OperatorContext BOB = new OperatorContext("bob-audit", "ws-bob", false);

    private static OutboxRelay relay;
    private static final SettableClock now = new SettableClock(T0);
    private static RouteService service;
    private static final AuditLog audit = new AuditLog(WritePathFixture.database().dataSource());
    private static String tenant;
    private static RouteKey payments;
    private static RouteKey search;

    @BeforeAll
    static void history() {
        relay = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig());
        relay.start();
        service = new RouteService(WritePathFixture.database().dataSource(), relay::wake, now);
        tenant = WritePathFixture.uniqueTenant("audit");
        payments = new RouteKey(tenant, "payments", "prod", "v1");
        search = new RouteKey(tenant, "search", "staging", "v2");
        // 10:00 alice creates payments, 11:00 bob creates search, 12:00 alice activates payments,
        // 13:00 bob changes the URL of search
        service.create(payments, "https://pay.example.com/v1", ALICE);
        now.set(T0.plusSeconds(3600));
        service.create(search, "https://search.example.com/v2", BOB);
        now.set(T0.plusSeconds(7200));
        service.activate(payments, 1, ALICE);
        now.set(T0.plusSeconds(10800));
        service.updateUrl(search, "https://search2.example.com/v2", 1, BOB);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static AuditFilter mine() {
        return AuditFilter.ALL.withTenant(tenant);
    }

    @Test
    void allEntriesNewestFirstWithBeforeAndAfter() {
        AuditPage page = audit.find(mine());
        assertThat(page.more()).isFalse();
        assertThat(page.entries()).extracting(HistoryEntry::action)
                .containsExactly("updated", "activated", "created", "created");
        HistoryEntry updated = page.entries().get(0);
        assertThat(updated.actor()).isEqualTo("bob-audit");
        assertThat(updated.hostName()).isEqualTo("ws-bob");
        assertThat(updated.occurredAt()).isEqualTo(T0.plusSeconds(10800));
        assertThat(ChangeSummary.of(updated))
                .isEqualTo("url: https://search.example.com/v2 -> https://search2.example.com/v2");
        assertThat(ChangeSummary.of(page.entries().get(1))).isEqualTo("state: inactive -> active");
        assertThat(ChangeSummary.of(page.entries().get(3))).isEqualTo("(none) -> inactive, url https://pay.example.com/v1");
    }

    @Test
    void filtersByActorServiceEnvAndAction() {
        assertThat(audit.find(mine().withActor("alice-audit")).entries())
                .allMatch(e -> e.key().equals(payments)).hasSize(2);
        assertThat(audit.find(mine().withService("search")).entries()).hasSize(2).allMatch(e -> e.actor().equals("bob-audit"));
        assertThat(audit.find(mine().withEnv("staging").withAction(Action.UPDATED)).entries())
                .singleElement().satisfies(e -> assertThat(e.key()).isEqualTo(search));
        assertThat(audit.find(mine().withEnv("prod").withAction(Action.UPDATED)).entries()).isEmpty();
        assertThat(audit.find(mine().withActor("nobody")).entries()).isEmpty();
    }

    @Test
    void timeRangeIsFromInclusiveToExclusive() {
        List<HistoryEntry> entries = audit.find(mine().withRange(T0.plusSeconds(3600), T0.plusSeconds(10800))).entries();
        assertThat(entries).extracting(HistoryEntry::occurredAt).containsExactly(T0.plusSeconds(7200), T0.plusSeconds(3600));
        assertThat(audit.find(mine().withRange(T0.plusSeconds(10800), null)).entries()).hasSize(1);
        assertThat(audit.find(mine().withRange(null, T0.plusSeconds(1))).entries()).hasSize(1);
    }

    @Test
    void pagesContinueBelowTheLastEntryWithoutGapsOrRepeats() {
        AuditPage first = audit.find(mine().withLimit(3));
        assertThat(first.entries()).hasSize(3);
        assertThat(first.more()).isTrue();
        AuditPage second = audit.find(mine().withLimit(3).olderThan(first.nextPage().orElseThrow()));
        assertThat(second.entries()).hasSize(1);
        assertThat(second.more()).isFalse();
        assertThat(second.nextPage()).isEmpty();
        assertThat(second.entries().get(0).id()).isLessThan(first.entries().get(2).id());
        try (AuditLog.Snapshot snapshot = audit.snapshot()) {
            assertThat(snapshot.countIfQuick(mine())).hasValue(4);
            assertThat(snapshot.countIfQuick(mine().withActor("bob-audit"))).hasValue(2);
        }
    }

    @Test
    void actorRequestIdHostAndEventIdAreRecordedAndTheEventCarriesActorAndRequestId() throws Exception {
        String other = WritePathFixture.uniqueTenant("audit-meta");
        RouteKey key = new RouteKey(other, "meta", "dev", "v1");
        try (TopicProbe probe = TopicProbe.fromEnd(WritePathFixture.endpoints().kafkaBootstrap(),
                WritePathFixture.endpoints().topic())) {
            ChangeResult created = service.create(key, "https://meta.example.com", ALICE);
            List<ConsumerRecord<String, byte[]>> records = probe.await("the created event", Duration.ofSeconds(30),
                    r -> key.eventKey().equals(r.key()), found -> !found.isEmpty());
            RouteChangedEvent event = EventCodec.decode(records.get(0).value());

            HistoryEntry entry = audit.find(AuditFilter.ALL.withTenant(other)).entries().get(0);
            assertThat(entry.actor()).isEqualTo("alice-audit");
            assertThat(entry.hostName()).isEqualTo("ws-alice");
            assertThat(entry.requestId()).isEqualTo(created.requestId());
            assertThat(entry.eventId()).isEqualTo(created.eventId());
            assertThat(event.eventId()).isEqualTo(entry.eventId());
            assertThat(event.userId()).isEqualTo(entry.actor());
            assertThat(event.requestId()).isEqualTo(entry.requestId().toString());
            Eventually.await("the entry shows its partition and offset", Duration.ofSeconds(30),
                    () -> audit.find(AuditFilter.ALL.withTenant(other)).entries().get(0).publishState().published());
            HistoryEntry published = audit.find(AuditFilter.ALL.withTenant(other)).entries().get(0);
            assertThat(published.publishState().partition()).isEqualTo(records.get(0).partition());
            assertThat(published.publishState().offset()).isEqualTo(records.get(0).offset());
        }
    }

    @Test
    void anActionThisConsoleDoesNotKnowIsReadShownAndExportedAsWritten(@TempDir java.nio.file.Path dir) throws Exception {
        String other = WritePathFixture.uniqueTenant("audit-later");
        RouteKey key = new RouteKey(other, "svc", "dev", "v1");
        try (java.sql.Connection c = WritePathFixture.database().dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("""
                     insert into route_history (tenant, service, env, version, action, before, after, row_version,
                                                actor, request_id, event_id, occurred_at)
                     values (?, ?, ?, ?, 'renamed', null,
                             '{"url":"https://x.example.com","state":"inactive","row_version":1}'::jsonb, 1,
                             'a-later-console', ?, ?, now())""")) {
            ps.setString(1, key.tenant());
            ps.setString(2, key.service());
            ps.setString(3, key.env());
            ps.setString(4, key.version());
            ps.setObject(5, java.util.UUID.randomUUID());
            ps.setObject(6, java.util.UUID.randomUUID());
            ps.executeUpdate();
        }
        assertThat(audit.find(AuditFilter.ALL.withTenant(other)).entries()).singleElement()
                .extracting(HistoryEntry::action).isEqualTo("renamed");
        assertThat(audit.find(AuditFilter.ALL).entries()).as("the default search reads it too").anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("renamed");
            assertThat(e.actor()).isEqualTo("a-later-console");
            assertThat(e.key()).isEqualTo(key);
        });
        assertThat(service.history(key)).singleElement().extracting(HistoryEntry::action).isEqualTo("renamed");
        java.nio.file.Path csv = dir.resolve("audit.csv");
        new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(other), csv, (done, total) -> { }, new AuditCsvExport.Cancellation());
        assertThat(java.nio.file.Files.readString(csv)).contains(",renamed,").contains("a-later-console");
    }

    @Test
    void timeRangesHaveABrinIndexOnOccurredAt() {
        assertThat(WritePathFixture.count("""
                select count(*) from pg_indexes where tablename = 'route_history'
                   and indexname = 'route_history_by_time' and indexdef like '%USING brin (occurred_at)%'"""))
                .isEqualTo(1);
    }
}
