package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.testing.TestSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consoles' sandboxes on one workstation: while one's server is down the other's may take its port.
 * A restart must not take that server for its own, and the console's clients must not be able to use it.
 */
class ForeignServerOnPortTest {
    private final BinaryCache binaries = new BinaryCache(TestSandbox.cacheDir());

    @Test
    void redisRestartRefusesAnotherRedisOnItsPort(@TempDir Path ours, @TempDir Path theirs) throws Exception {
        RedisServer redis = new RedisServer(ours, binaries);
        RedisServer other = new RedisServer(theirs, binaries);
        try {
            redis.start(PortAllocator.freePort(), SandboxListener.NONE);
            redis.stop();
            other.start(redis.port(), SandboxListener.NONE);
            assertThat(other.port()).isEqualTo(redis.port());

            assertThatThrownBy(redis::restart).isInstanceOf(IOException.class)
                    .hasMessageContaining("Address already in use");

            other.stop();
            redis.restart();
            assertThat(redis.process().isAlive()).isTrue();
        } finally {
            other.stop();
            redis.stop();
        }
    }

    @Test
    void postgresRestartAndClientsRefuseAnotherPostgresOnItsPort(@TempDir Path ours, @TempDir Path theirs)
            throws Exception {
        PostgresServer postgres = new PostgresServer(ours, binaries);
        PostgresServer other = new PostgresServer(theirs, binaries);
        try {
            postgres.start(PortAllocator.freePort(), SandboxListener.NONE);
            String role = postgres.clientRole();
            assertThat(role).startsWith("console_");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), role, "")) {
                assertThat(c.isValid(2)).isTrue();
            }
            postgres.stop();
            other.start(postgres.port(), SandboxListener.NONE);
            assertThat(other.port()).isEqualTo(postgres.port());
            assertThat(other.clientRole()).isNotEqualTo(role);

            assertThatThrownBy(postgres::restart).isInstanceOf(IOException.class)
                    .hasMessageContaining("could not bind");
            // a pooled client of ours reconnecting meanwhile is refused instead of writing into the other database
            assertThatThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl(), role, "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("role \"" + role + "\" does not exist");

            other.stop();
            postgres.restart();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), role, "")) {
                assertThat(c.isValid(2)).isTrue();
            }
        } finally {
            other.stop();
            postgres.stop();
        }
    }
}
