package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.sandbox.PortAllocator;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.ServerState;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.ValidProfiles;
import com.trafficmanager.console.testing.WritePathFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external profile whose Kafka and Redis do not answer still opens (the database is there: changes
 * commit and the outbox holds their events), and says so; without PostgreSQL, or with a setting that is
 * wrong (a topic that does not exist), it does not.
 */
class ExternalProfileOutageTest {
    private static final Map<String, String> ENV = Map.of("TC_OUTAGE_PG", "unused-by-the-sandbox");

    @TempDir
    Path dir;

    private final Map<String, String> shown = new ConcurrentHashMap<>();
    private final SandboxListener screen = (server, state, detail) -> shown.put(server, state + ": " + detail);

    private Profile profile(String jdbcUrl, String kafka, String redis, String topic, boolean readOnly) {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        ProfileForm form = new ProfileForm("staging", true, jdbcUrl, e.jdbcUser(), "TC_OUTAGE_PG", "", kafka, "", "", "",
                redis, "", "", "", topic, "", "prod", readOnly, "");
        return ValidProfiles.of(dir, form);
    }

    @Test
    void kafkaAndRedisNotAnsweringOpenAWritingSessionWhoseChangesCommit() throws Exception {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        int dead = PortAllocator.freePort();
        Profile p = profile(e.jdbcUrl(), "127.0.0.1:" + dead, "redis://127.0.0.1:" + dead, e.topic(), false);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("outage"), "svc", "prod", "v1");
        ChangeResult created;
        try (SessionStarter.Started started = SessionStarter.connect(p, ENV, screen)) {
            ConsoleSession session = started.session();
            created = session.routes().create(key, "https://svc.example.com", session.operator());
        }
        assertThat(shown.get("PostgreSQL")).startsWith(ServerState.SERVING.name());
        assertThat(shown.get("Kafka")).startsWith(ServerState.FAILED.name() + ": no broker answered")
                .endsWith(SessionStarter.OPENS_WITHOUT);
        assertThat(shown.get("Redis")).startsWith(ServerState.FAILED.name()).endsWith(SessionStarter.OPENS_WITHOUT);
        try (Connection c = WritePathFixture.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox where event_id = ?")) {
            ps.setObject(1, created.eventId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("the change committed with its event in the outbox").isEqualTo(1);
            }
        }
    }

    @Test
    void withoutPostgresOrWithATopicThatDoesNotExistItDoesNotOpen() {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        int dead = PortAllocator.freePort();
        Profile withoutPostgres = profile("jdbc:postgresql://127.0.0.1:" + dead + "/traffic", e.kafkaBootstrap(),
                e.redisUri(), e.topic(), true);
        assertThatThrownBy(() -> SessionStarter.connect(withoutPostgres, ENV, screen))
                .isInstanceOf(SessionStarter.UnreachableException.class)
                .hasMessageStartingWith("could not reach PostgreSQL: ");

        Profile missingTopic = profile(e.jdbcUrl(), e.kafkaBootstrap(), e.redisUri(), "route-evnts", true);
        assertThatThrownBy(() -> SessionStarter.connect(missingTopic, ENV, screen))
                .isInstanceOf(SessionStarter.UnreachableException.class)
                .hasMessage("could not open the profile: Kafka: 1 broker(s) answer, but topic 'route-evnts' does not exist");
        assertThat(shown.get("Kafka")).doesNotEndWith(SessionStarter.OPENS_WITHOUT);
    }
}
