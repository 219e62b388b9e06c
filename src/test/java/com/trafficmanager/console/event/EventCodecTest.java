package com.trafficmanager.console.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event JSON: the seed's fields in the seed's order, plus the optional revision. No servers. */
class EventCodecTest {
    private static final UUID ID = UUID.fromString("9f2c1a4e-0000-4000-8000-000000000001");
    private static final Instant AT = Instant.parse("2024-01-14T10:30:00.123Z");

    private static RouteChangedEvent event(Action action, Long revision) {
        return RouteChangedEvent.of(ID, action, "team-a", "payments", "prod", "v2", "https://pay.example.com/v2", AT,
                "alice", "req-456", revision);
    }

    @Test
    void writesExactlyTheSeedSchemaInOrder() throws Exception {
        JsonNode json = new ObjectMapper().readTree(EventCodec.encode(event(Action.ACTIVATED, 7L)));
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("event_id", "event_type", "event_version", "action", "tenant", "service",
                "env", "version", "url", "occurred_at", "metadata", "revision");
        assertThat(json.get("event_id").asText()).isEqualTo(ID.toString());
        assertThat(json.get("event_type").asText()).isEqualTo("route_changed");
        assertThat(json.get("event_version").asText()).isEqualTo("1.0");
        assertThat(json.get("action").asText()).isEqualTo("activated");
        assertThat(json.get("occurred_at").asText()).isEqualTo("2024-01-14T10:30:00.123Z");
        assertThat(json.get("metadata").get("user_id").asText()).isEqualTo("alice");
        assertThat(json.get("metadata").get("request_id").asText()).isEqualTo("req-456");
        assertThat(json.get("revision").asLong()).isEqualTo(7);
    }

    @Test
    void newActionsCarryVersionOneOne() {
        assertThat(Action.CREATED.eventVersion()).isEqualTo("1.0");
        assertThat(Action.ACTIVATED.eventVersion()).isEqualTo("1.0");
        assertThat(Action.DEACTIVATED.eventVersion()).isEqualTo("1.0");
        assertThat(Action.UPDATED.eventVersion()).isEqualTo("1.1");
        assertThat(Action.DELETED.eventVersion()).isEqualTo("1.1");
        assertThat(event(Action.DELETED, 3L).eventVersion()).isEqualTo("1.1");
    }

    @Test
    void roundTrips() throws Exception {
        for (Action a : Action.values()) {
            RouteChangedEvent e = event(a, 12L);
            assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        }
        RouteChangedEvent noRevision = event(Action.CREATED, null);
        assertThat(new String(EventCodec.encode(noRevision), StandardCharsets.UTF_8)).doesNotContain("revision");
        assertThat(EventCodec.decode(EventCodec.encode(noRevision))).isEqualTo(noRevision);
    }

    @Test
    void readsTheSeedExampleAndIgnoresUnknownFields() throws Exception {
        String seed = """
                {"event_id":"9f2c1a4e-0000-4000-8000-000000000001","event_type":"route_changed",
                 "event_version":"1.0","action":"created","tenant":"team-a","service":"payments","env":"prod",
                 "version":"v2","url":"https://x","occurred_at":"2024-01-14T10:30:00Z",
                 "metadata":{"user_id":"user-123","request_id":"req-456","trace":"t"},"region":"us-east"}""";
        RouteChangedEvent e = EventCodec.decode(seed.getBytes(StandardCharsets.UTF_8));
        assertThat(e.action()).isEqualTo(Action.CREATED);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2024-01-14T10:30:00Z"));
        assertThat(e.revision()).isNull();
        assertThat(e.key()).isEqualTo("team-a:payments:prod:v2");
    }

    @Test
    void refusesMalformedRecords() {
        assertMalformed("not json", "not JSON");
        assertMalformed("[1,2]", "not a JSON object");
        assertMalformed("{\"event_type\":\"route_changed\"}", "event_version is missing");
        String ok = new String(EventCodec.encode(event(Action.CREATED, 1L)), StandardCharsets.UTF_8);
        assertMalformed(ok.replace("\"1.0\"", "\"2.0\""), "unknown major event_version '2.0'");
        assertMalformed(ok.replace("\"created\"", "\"renamed\""), "unknown action 'renamed'");
        assertMalformed(ok.replace("\"tenant\":\"team-a\",", ""), "tenant is missing");
        assertMalformed(ok.replace(ID.toString(), "nope"), "event_id must be a UUID");
        assertMalformed(ok.replace("2024-01-14T10:30:00.123Z", "yesterday"), "occurred_at must be an RFC 3339");
        assertMalformed(ok.replace("\"revision\":1", "\"revision\":\"one\""), "revision must be an integer");
    }

    @Test
    void namesWhatAFieldCarriesInsteadOfAString() {
        String ok = new String(EventCodec.encode(event(Action.CREATED, 1L)), StandardCharsets.UTF_8);
        assertMalformed(ok.replace("\"tenant\":\"team-a\"", "\"tenant\":42"), "tenant must be a string, got 42");
        assertMalformed(ok.replace("\"user_id\":\"alice\"", "\"user_id\":[1]"), "user_id must be a string, got [1]");
        assertMalformed(ok.replace("\"tenant\":\"team-a\"", "\"tenant\":null"), "tenant is missing");
        assertMalformed(ok.replace("{\"user_id\":\"alice\",\"request_id\":\"req-456\"}", "null"),
                "metadata is missing or not an object");
        assertMalformed(ok.replace("\"revision\":1", "\"revision\":true"), "revision must be an integer, got true");
        assertMalformed(ok.replace("\"revision\":1", "\"revision\":99999999999999999999"),
                "revision must be an integer, got 99999999999999999999");
        assertMalformed(ok.substring(0, ok.length() - 1), "not JSON");
    }

    @Test
    void readsRepeatedFieldsAsTheirLastValueAndTreatsNullRevisionAsNone() throws Exception {
        String ok = new String(EventCodec.encode(event(Action.CREATED, 1L)), StandardCharsets.UTF_8);
        RouteChangedEvent e = EventCodec.decode(ok.replace("\"tenant\":\"team-a\"",
                "\"tenant\":\"first\",\"nested\":{\"tenant\":\"x\"},\"tenant\":\"team-b\"")
                .replace("\"revision\":1", "\"revision\":null").getBytes(StandardCharsets.UTF_8));
        assertThat(e.tenant()).isEqualTo("team-b");
        assertThat(e.revision()).isNull();
        assertThat(EventCodec.decode(ok.replace("\"revision\":1", "\"revision\":4.0")
                .getBytes(StandardCharsets.UTF_8)).revision()).isEqualTo(4L);
    }

    private static void assertMalformed(String json, String message) {
        assertThatThrownBy(() -> EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining(message);
    }

    @Test
    void anEventFollowedByMoreIsMalformedTrailingWhitespaceIsNot() throws Exception {
        String one = new String(EventCodec.encode(event(Action.UPDATED, 3L)), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decode((one + "{\"a\":1}").getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(MalformedEventException.class)
                .hasMessage("not one JSON value: more follows the event object");
        assertThatThrownBy(() -> EventCodec.decode((one + "garbage").getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not JSON");
        assertThat(EventCodec.decode((one + "\n").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(event(Action.UPDATED, 3L));
    }

    @Test
    void anActionThisConsoleDoesNotKnowIsMalformedToTheStrictReaderAndAChangeOfTheRouteToTheCachesReader() throws Exception {
        byte[] later = new String(EventCodec.encode(event(Action.UPDATED, 7L)), StandardCharsets.UTF_8)
                .replace("\"action\":\"updated\"", "\"action\":\"renamed\"")
                .replace("\"event_version\":\"1.1\"", "\"event_version\":\"1.2\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventCodec.decode(later)).isInstanceOf(MalformedEventException.class)
                .hasMessage("unknown action 'renamed'");

        EventCodec.CacheEvent read = EventCodec.decodeForCache(later);
        assertThat(read.actionName()).isEqualTo("renamed");
        assertThat(read.knownAction()).isFalse();
        assertThat(read.event().action()).isEqualTo(Action.UPDATED);
        assertThat(read.event().key()).isEqualTo(event(Action.UPDATED, 7L).key());
        assertThat(read.event().revision()).isEqualTo(7L);
        assertThat(read.event().eventVersion()).isEqualTo("1.2");

        EventCodec.CacheEvent known = EventCodec.decodeForCache(EventCodec.encode(event(Action.DELETED, 8L)));
        assertThat(known.knownAction()).isTrue();
        assertThat(known.actionName()).isEqualTo("deleted");
        assertThat(known.event()).isEqualTo(event(Action.DELETED, 8L));
    }
}
