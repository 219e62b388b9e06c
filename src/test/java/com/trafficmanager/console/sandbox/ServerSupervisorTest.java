package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.WritePathFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A sandbox server killed from outside (as the OOM killer or an operator's {@code kill -9} would) is
 * started again by the sandbox on the same port, with its data: the clients see an outage and then
 * the same server again. The shared test sandbox is used, and every test leaves it serving.
 */
class ServerSupervisorTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final Sandbox sandbox = TestSandbox.shared();
    private final SandboxEndpoints endpoints = sandbox.endpoints();

    @Test
    void aKilledRedisIsStartedAgainOnItsPort() throws Exception {
        int before = sandbox.restartsAfterCrash(RedisServer.NAME);
        long pid = pid("redis.console.pid");
        killAndAwaitExit(pid);

        try (JedisPooled redis = new JedisPooled(java.net.URI.create(endpoints.redisUri()))) {
            Eventually.await("Redis answering on " + endpoints.redisUri() + " again", WAIT, () -> {
                try {
                    return "PONG".equals(redis.ping());
                } catch (RuntimeException down) {
                    return false;
                }
            });
            String key = "supervisor-probe:" + UUID.randomUUID();
            redis.set(key, "x");
            assertThat(redis.get(key)).isEqualTo("x");
            redis.del(key);
        }
        Eventually.await("the restart counted", WAIT, () -> sandbox.restartsAfterCrash(RedisServer.NAME) == before + 1);
        assertThat(pid("redis.console.pid")).isNotEqualTo(pid);
    }

    @Test
    void aKilledPostgresIsStartedAgainWithEveryCommittedChange() throws Exception {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("crash"), "svc", "prod", "v1");
        new RouteService(WritePathFixture.database().dataSource(), () -> { })
                .create(key, "https://svc.example.com", new OperatorContext("erin", "ws-1", false));
        int before = sandbox.restartsAfterCrash(PostgresServer.NAME);
        long pid = pid("postgres.console.pid");
        killAndAwaitExit(pid);

        // the restart first, so the reads below cannot reach the dying server
        Eventually.await("the restart counted", WAIT,
                () -> sandbox.restartsAfterCrash(PostgresServer.NAME) == before + 1);
        Eventually.await("PostgreSQL answering on " + endpoints.jdbcUrl() + " again", WAIT,
                () -> routesOf(key.tenant()) >= 0);
        assertThat(routesOf(key.tenant())).as("the route committed before the crash").isEqualTo(1);
        assertThat(pid("postgres.console.pid")).isNotEqualTo(pid);
    }

    /** Kills the server like the OOM killer would, and returns once it is gone. */
    private static void killAndAwaitExit(long pid) throws Exception {
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Routes of {@code tenant}, or -1 while the server does not answer. */
    private int routesOf(String tenant) {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl() + "?connectTimeout=2",
                endpoints.jdbcUser(), "");
             PreparedStatement s = c.prepareStatement("select count(*) from route where tenant = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException down) {
            return -1;
        }
    }

    private long pid(String file) throws Exception {
        Path path = sandbox.dataDir().resolve(file);
        return Long.parseLong(Files.readAllLines(path).get(0).trim()); // then its start time
    }
}
