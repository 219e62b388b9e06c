package com.trafficmanager.console.route;

import static com.trafficmanager.console.testing.WritePathFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The route service end to end on the real sandbox: PostgreSQL rows, history, outbox, and the events
 * the relay puts on {@code route-events}.
 */
class RouteServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PARTITIONS = 6;
    private static final OperatorContext ALICE = new OperatorContext("alice", "ws-17", false);
    private static final OperatorContext BOB = new OperatorContext("bob", "ws-18", false);

    private static OutboxRelay relay;
    private static RouteService service;
    private TopicProbe probe;
    private String tenant;

    @BeforeAll
    static void startRelay() {
        relay = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig());
        relay.start();
        service = new RouteService(WritePathFixture.database().dataSource(), relay::wake);
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @BeforeEach
    void openProbe() {
        tenant = WritePathFixture.uniqueTenant("svc");
        probe = TopicProbe.fromEnd(WritePathFixture.endpoints().kafkaBootstrap(), WritePathFixture.endpoints().topic());
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    private RouteKey key(String service) {
        return new RouteKey(tenant, service, "prod", "v2");
    }

    @Test
    void oneChangeMakesOneRowOneHistoryEntryOneOutboxRowAndExactlyOneEvent() throws Exception {
        RouteKey key = key("payments");
        ChangeResult result = service.create(key, "https://pay.example.com/v2", ALICE);

        assertThat(count("select count(*) from route where tenant = ?", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from route_history where tenant = ?", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from outbox where event_key like ?", tenant + ":%")).isEqualTo(1);
        assertThat(result.route()).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(RouteState.INACTIVE);
            assertThat(r.rowVersion()).isEqualTo(1);
            assertThat(r.createdBy()).isEqualTo("alice");
        });

        String expectedKey = tenant + ":payments:prod:v2";
        List<ConsumerRecord<String, byte[]>> records = probe.await("the created event", WAIT,
                TopicProbe.keyStartsWith(tenant + ":"), l -> !l.isEmpty());
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(expectedKey);
        assertThat(record.partition()).isEqualTo(EventKeys.partitionFor(expectedKey, PARTITIONS));
        assertThat(TopicProbe.header(record, EventHeaders.EVENT_ID)).isEqualTo(result.eventId().toString());
        assertThat(TopicProbe.header(record, EventHeaders.EVENT_VERSION)).isEqualTo("1.0");

        JsonNode json = new ObjectMapper().readTree(record.value());
        assertThat(json.get("event_id").asText()).isEqualTo(result.eventId().toString());
        assertThat(json.get("event_type").asText()).isEqualTo("route_changed");
        assertThat(json.get("event_version").asText()).isEqualTo("1.0");
        assertThat(json.get("action").asText()).isEqualTo("created");
        assertThat(json.get("tenant").asText()).isEqualTo(tenant);
        assertThat(json.get("service").asText()).isEqualTo("payments");
        assertThat(json.get("env").asText()).isEqualTo("prod");
        assertThat(json.get("version").asText()).isEqualTo("v2");
        assertThat(json.get("url").asText()).isEqualTo("https://pay.example.com/v2");
        assertThat(json.get("occurred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(json.get("metadata").get("user_id").asText()).isEqualTo("alice");
        assertThat(json.get("metadata").get("request_id").asText()).isEqualTo(result.requestId().toString());
        assertThat(json.get("revision").asLong()).isEqualTo(1);

        Eventually.await("the outbox row marked published", WAIT, () -> service.publishState(result.eventId()).published());
        PublishState state = service.publishState(result.eventId());
        assertThat(state.partition()).isEqualTo(record.partition());
        assertThat(state.offset()).isEqualTo(record.offset());

        HistoryEntry entry = service.history(key).get(0);
        assertThat(entry.action()).isEqualTo(Action.CREATED.wireName());
        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.hostName()).isEqualTo("ws-17");
        assertThat(entry.requestId()).isEqualTo(result.requestId());
        assertThat(entry.eventId()).isEqualTo(result.eventId());
        assertThat(entry.beforeJson()).isNull();
        assertThat(entry.afterJson()).contains("\"state\": \"inactive\"", "\"row_version\": 1");
        assertThat(entry.publishState().describe()).isEqualTo("partition " + record.partition() + ", offset " + record.offset());

        // exactly one event: a second copy would come before the key's next event (same partition, in order)
        ChangeResult next = service.activate(key, 1, ALICE);
        List<ConsumerRecord<String, byte[]>> upToNext = probe.await("the next change's event", WAIT,
                TopicProbe.keyStartsWith(tenant + ":"), l -> l.stream().anyMatch(
                        r -> TopicProbe.header(r, EventHeaders.EVENT_ID).equals(next.eventId().toString())));
        assertThat(upToNext).extracting(r -> TopicProbe.header(r, EventHeaders.EVENT_ID)).as("exactly one event")
                .containsExactly(result.eventId().toString(), next.eventId().toString());
    }

    @Test
    void lifecycleEmitsOneEventPerChangeInOrderWithVersionsAndRevisions() throws Exception {
        RouteKey key = key("orders");
        Route r = service.create(key, "http://orders.internal/v2", ALICE).after();
        r = service.activate(key, r.rowVersion(), ALICE).after();
        assertThat(r.state()).isEqualTo(RouteState.ACTIVE);
        r = service.updateUrl(key, "http://orders-b.internal/v2", r.rowVersion(), BOB).after();
        assertThat(r.url()).isEqualTo("http://orders-b.internal/v2");
        assertThat(r.state()).isEqualTo(RouteState.ACTIVE);
        assertThat(r.updatedBy()).isEqualTo("bob");
        r = service.deactivate(key, r.rowVersion(), BOB).after();
        ChangeResult deleted = service.delete(key, r.rowVersion(), ALICE);
        assertThat(deleted.route()).isEmpty();
        assertThat(service.find(key)).isEmpty();

        List<ConsumerRecord<String, byte[]>> records = probe.await("five events", WAIT,
                TopicProbe.keyStartsWith(tenant + ":"), l -> l.size() >= 5);
        List<RouteChangedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            events.add(EventCodec.decode(rec.value()));
        }
        assertThat(events).extracting(RouteChangedEvent::action).containsExactly(Action.CREATED, Action.ACTIVATED,
                Action.UPDATED, Action.DEACTIVATED, Action.DELETED);
        assertThat(events).extracting(RouteChangedEvent::eventVersion).containsExactly("1.0", "1.0", "1.1", "1.0", "1.1");
        assertThat(events).extracting(RouteChangedEvent::revision).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(4).url()).isEqualTo("http://orders-b.internal/v2");
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());

        List<HistoryEntry> history = service.history(key);
        assertThat(history).extracting(HistoryEntry::action).containsExactly("deleted", "deactivated", "updated",
                "activated", "created");
        assertThat(history.get(0).afterJson()).isNull();
    }

    @Test
    void staleRowVersionIsAConflictNamingWhoChangedItAndWritesNothing() {
        RouteKey key = key("search");
        Route r = service.create(key, "https://search.example.com", ALICE).after();
        service.activate(key, r.rowVersion(), BOB);
        long history = count("select count(*) from route_history where tenant = ?", tenant);

        assertThatThrownBy(() -> service.deactivate(key, r.rowVersion(), ALICE))
                .isInstanceOfSatisfying(RouteConflictException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.expectedRowVersion()).isEqualTo(1);
                    assertThat(e.foundRowVersion()).isEqualTo(2);
                    assertThat(e.lastChangedBy()).isEqualTo("bob");
                    assertThat(e.getMessage()).contains(key.toString(), "'bob'", "row_version 1", "now 2");
                });
        assertThat(count("select count(*) from route_history where tenant = ?", tenant)).isEqualTo(history);
        assertThat(service.find(key)).get().extracting(Route::state).isEqualTo(RouteState.ACTIVE);
    }

    @Test
    void changeThatChangesNothingIsRefusedWithoutAnEvent() {
        RouteKey key = key("cart");
        Route r = service.create(key, "https://cart.example.com", ALICE).after();
        long outbox = count("select count(*) from outbox where event_key like ?", tenant + ":%");
        assertThatThrownBy(() -> service.deactivate(key, r.rowVersion(), ALICE))
                .isInstanceOf(NoChangeException.class).hasMessageContaining("is already inactive");
        assertThatThrownBy(() -> service.updateUrl(key, "https://cart.example.com", r.rowVersion(), ALICE))
                .isInstanceOf(NoChangeException.class).hasMessageContaining("already points to");
        assertThat(count("select count(*) from outbox where event_key like ?", tenant + ":%")).isEqualTo(outbox);
        assertThat(service.find(key)).get().extracting(Route::rowVersion).isEqualTo(1L);
    }

    @Test
    void readOnlyProfileIsRefusedByTheService() {
        OperatorContext viewer = new OperatorContext("carol", "ws-19", true);
        RouteKey key = key("ro");
        assertThatThrownBy(() -> service.create(key, "https://ro.example.com", viewer))
                .isInstanceOf(ReadOnlyException.class).hasMessage("read-only profile: user 'carol' may not create routes");
        Route r = service.create(key, "https://ro.example.com", ALICE).after();
        assertThatThrownBy(() -> service.activate(key, r.rowVersion(), viewer)).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> service.delete(key, r.rowVersion(), viewer)).isInstanceOf(ReadOnlyException.class);
        assertThat(count("select count(*) from route_history where tenant = ?", tenant)).isEqualTo(1);
    }

    @Test
    void activeRouteCannotBeDeletedAndDuplicatesAndMissingRoutesAreNamed() {
        RouteKey key = key("billing");
        Route r = service.create(key, "https://billing.example.com", ALICE).after();
        Route active = service.activate(key, r.rowVersion(), ALICE).after();
        assertThatThrownBy(() -> service.delete(key, active.rowVersion(), ALICE))
                .isInstanceOf(RouteStateException.class).hasMessageContaining("deactivate it before deleting it");
        assertThatThrownBy(() -> service.create(key, "https://other.example.com", BOB))
                .isInstanceOf(RouteAlreadyExistsException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> service.activate(key("nothing-here"), 1, ALICE))
                .isInstanceOf(RouteNotFoundException.class).hasMessageContaining("does not exist");

        Route inactive = service.deactivate(key, active.rowVersion(), ALICE).after();
        service.delete(key, inactive.rowVersion(), BOB);
        assertThatThrownBy(() -> service.activate(key, inactive.rowVersion(), ALICE))
                .isInstanceOfSatisfying(RouteConflictException.class, e -> {
                    assertThat(e.foundRowVersion()).isNull();
                    assertThat(e.getMessage()).contains("was deleted by 'bob'");
                });
    }

    @Test
    void aRouteCreatedAgainAfterADeleteGoesOnFromTheDeletesRevision() throws Exception {
        RouteKey key = key("catalogue");
        Route seenByAlice = service.create(key, "https://old.example.com", ALICE).after();
        service.delete(key, seenByAlice.rowVersion(), BOB);
        Route recreated = service.create(key, "https://new.example.com", BOB).after();

        // Alice still sees the first route at version 1: her change is a conflict, not a write to Bob's route
        assertThat(recreated.rowVersion()).isEqualTo(3); // 1 created, 2 the delete's tombstone
        long history = count("select count(*) from route_history where tenant = ?", tenant);
        assertThatThrownBy(() -> service.updateUrl(key, "https://alice.example.com", seenByAlice.rowVersion(), ALICE))
                .isInstanceOfSatisfying(RouteConflictException.class, e -> {
                    assertThat(e.expectedRowVersion()).isEqualTo(1);
                    assertThat(e.foundRowVersion()).isEqualTo(3);
                });
        assertThatThrownBy(() -> service.activate(key, seenByAlice.rowVersion(), ALICE))
                .isInstanceOf(RouteConflictException.class);
        assertThat(count("select count(*) from route_history where tenant = ?", tenant)).isEqualTo(history);
        assertThat(service.find(key).orElseThrow().url()).isEqualTo("https://new.example.com");

        // the events' revisions keep rising across the delete, as the cache's revision marker needs
        List<ConsumerRecord<String, byte[]>> events = probe.await("the three events", WAIT,
                r -> key.eventKey().equals(r.key()), l -> l.size() >= 3);
        List<Long> revisions = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : events) {
            revisions.add(EventCodec.decode(r.value()).revision());
        }
        assertThat(revisions).containsExactly(1L, 2L, 3L);
    }

    @Test
    void bulkActionIsOneTransactionWithOneEventPerRouteAndOneRequestId() throws Exception {
        List<VersionedKey> routes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            routes.add(VersionedKey.of(service.create(key("svc-" + i), "https://s" + i + ".example.com", ALICE).after()));
        }
        // one stale version among ten: nothing at all is written
        List<VersionedKey> withStale = new ArrayList<>(routes);
        withStale.set(7, new VersionedKey(routes.get(7).key(), 99));
        long outbox = count("select count(*) from outbox where event_key like ?", tenant + ":%");
        assertThatThrownBy(() -> service.bulkActivate(withStale, BOB)).isInstanceOf(RouteConflictException.class)
                .hasMessageContaining(routes.get(7).key().toString());
        assertThat(count("select count(*) from outbox where event_key like ?", tenant + ":%")).isEqualTo(outbox);
        assertThat(count("select count(*) from route where tenant = ? and state = 'active'", tenant)).isZero();

        BulkResult result = service.bulkActivate(routes, BOB);
        assertThat(result.size()).isEqualTo(10);
        assertThat(count("select count(*) from route where tenant = ? and state = 'active'", tenant)).isEqualTo(10);
        Set<UUID> eventIds = result.changes().stream().map(ChangeResult::eventId).collect(Collectors.toSet());

        List<ConsumerRecord<String, byte[]>> records = probe.await("ten activated events", WAIT,
                TopicProbe.keyStartsWith(tenant + ":"), l -> l.stream().filter(r -> isAction(r, "activated")).count() >= 10);
        List<RouteChangedEvent> activated = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : records) {
            RouteChangedEvent e = EventCodec.decode(rec.value());
            if (e.action() == Action.ACTIVATED) {
                activated.add(e);
            }
        }
        assertThat(activated).extracting(RouteChangedEvent::eventId).containsExactlyInAnyOrderElementsOf(eventIds);
        assertThat(activated).extracting(RouteChangedEvent::requestId).containsOnly(result.requestId().toString());
        assertThat(activated).extracting(RouteChangedEvent::userId).containsOnly("bob");

        // the publish states of the whole bulk in one read agree with the one-by-one reads
        Eventually.await("all ten marked published", WAIT, () -> service.publishStates(eventIds).values().stream()
                .allMatch(PublishState::published));
        Map<UUID, PublishState> states = service.publishStates(eventIds);
        for (UUID id : eventIds) {
            // each read moves the database's publish time onto this clock by its own measure (off by < its round trip)
            PublishState one = service.publishState(id);
            assertThat(states.get(id)).usingRecursiveComparison().ignoringFields("publishedAt").isEqualTo(one);
            assertThat(states.get(id).publishedAt()).isCloseTo(one.publishedAt(), within(1, ChronoUnit.SECONDS));
        }
        UUID unknown = UUID.randomUUID();
        assertThat(service.publishStates(List.of(unknown))).containsExactly(Map.entry(unknown, PublishState.UNKNOWN));
    }

    @Test
    void backlogIsReadableAndListShowsRoutes() {
        service.create(key("listed"), "https://listed.example.com", ALICE);
        assertThat(service.listRoutes()).extracting(Route::key).contains(key("listed"));
        Eventually.await("the backlog to drain", WAIT, () -> service.backlog().pendingCount() == 0);
    }

    private static boolean isAction(ConsumerRecord<String, byte[]> r, String action) {
        try {
            return EventCodec.decode(r.value()).action().wireName().equals(action);
        } catch (Exception e) {
            return false;
        }
    }
}
