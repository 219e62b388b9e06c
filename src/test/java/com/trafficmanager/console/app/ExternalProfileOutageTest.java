package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.config.ProfileValidator;
import com.trafficmanager.console.sandbox.PortAllocator;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.ServerState;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external profile whose Kafka and Redis are down still opens (the database is there: changes commit,
 * the outbox holds their events, the Audit log reads), and says so; without PostgreSQL it does not.
 */
class ExternalProfileOutageTest {
    @TempDir
    Path dir;

    private Profile profile(String jdbcUrl, String kafka, String redis) {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        ProfileForm form = new ProfileForm("staging", true, jdbcUrl, e.jdbcUser(), "TC_OUTAGE_PG", "", kafka, "", "", "",
                redis, "", "", "", e.topic(), "", "prod", true, "");
        var check = new ProfileValidator(dir).check(form, List.of());
        assertThat(check.messages()).isEmpty();
        return check.profile().orElseThrow();
    }

    @Test
    void kafkaAndRedisDownOpenTheSessionAndSaySoPostgresDownDoesNot() throws Exception {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        int dead = PortAllocator.freePort();
        Map<String, String> env = Map.of("TC_OUTAGE_PG", "unused-by-the-sandbox");
        Map<String, String> shown = new ConcurrentHashMap<>();
        SandboxListener screen = (server, state, detail) -> shown.put(server, state + ": " + detail);

        Profile withoutKafkaAndRedis = profile(e.jdbcUrl(), "127.0.0.1:" + dead, "redis://127.0.0.1:" + dead);
        try (SessionStarter.Started started = SessionStarter.connect(withoutKafkaAndRedis, env, screen)) {
            try (Connection c = started.session().database().dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("select count(*) from route_history")) {
                assertThat(rs.next()).isTrue(); // the Audit log's table answers
            }
        }
        assertThat(shown.get("PostgreSQL")).startsWith(ServerState.SERVING.name());
        assertThat(shown.get("Kafka")).startsWith(ServerState.FAILED.name()).endsWith(SessionStarter.OPENS_WITHOUT);
        assertThat(shown.get("Redis")).startsWith(ServerState.FAILED.name()).endsWith(SessionStarter.OPENS_WITHOUT);

        Profile withoutPostgres = profile("jdbc:postgresql://127.0.0.1:" + dead + "/traffic", e.kafkaBootstrap(),
                e.redisUri());
        assertThatThrownBy(() -> SessionStarter.connect(withoutPostgres, env, screen))
                .isInstanceOf(SessionStarter.UnreachableException.class)
                .hasMessageStartingWith("could not reach PostgreSQL: ");
    }
}
