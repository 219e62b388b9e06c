package com.trafficmanager.console.testing;

import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.outbox.OutboxRelayConfig;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The write path's database on the shared test sandbox: opened (and migrated) once per JVM. Tests
 * isolate themselves by tenant name ({@link #uniqueTenant}), never by a database of their own.
 */
public final class WritePathFixture {
    private static Database database;

    private WritePathFixture() {
    }

    public static synchronized Database database() {
        if (database == null) {
            SandboxEndpoints e = TestSandbox.shared().endpoints();
            database = Database.open(e.jdbcUrl(), e.jdbcUser(), "");
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "test-database-close"));
        }
        return database;
    }

    public static SandboxEndpoints endpoints() {
        return TestSandbox.shared().endpoints();
    }

    /** A relay configuration for the sandbox that polls often, so takeovers in tests are quick. */
    public static OutboxRelayConfig relayConfig() {
        SandboxEndpoints e = endpoints();
        return OutboxRelayConfig.defaults(e.kafkaBootstrap(), e.topic()).withPollInterval(Duration.ofMillis(200));
    }

    /** A tenant name no other test uses, e.g. {@code out-3f9a1c2b}. */
    public static String uniqueTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code select count(*) ...} with one optional string parameter. */
    public static long count(String sql, Object... params) {
        try (Connection c = database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Marks the events' outbox rows published on partition 2 at the database's {@code now()}, as another
     * console's relay would (offset: the row's id).
     */
    public static void markPublished(java.util.List<UUID> eventIds) {
        try (Connection c = database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("""
                update outbox set published_at = now(), kafka_partition = 2, kafka_offset = id,
                                  attempts = attempts + 1
                 where event_id = any (?)""")) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            if (ps.executeUpdate() != eventIds.size()) {
                throw new IllegalStateException("not every event has an outbox row: " + eventIds);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
