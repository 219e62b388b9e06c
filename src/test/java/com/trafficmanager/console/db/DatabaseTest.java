package com.trafficmanager.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Opening the database: pool, migrations (also into a schema that already has other tables), errors. */
class DatabaseTest {

    @Test
    void migratesAnEmptyOrForeignSchemaAndOpeningAgainIsANoOp() throws Exception {
        SandboxEndpoints e = WritePathFixture.endpoints();
        String name = "dbtest_" + UUID.randomUUID().toString().substring(0, 8);
        String url = e.jdbcUrl().substring(0, e.jdbcUrl().lastIndexOf('/') + 1) + name;
        try (Connection admin = DriverManager.getConnection(e.jdbcUrl(), e.jdbcUser(), "");
             Statement s = admin.createStatement()) {
            s.execute("create database " + name);
        }
        try {
            try (Connection c = DriverManager.getConnection(url, e.jdbcUser(), ""); Statement s = c.createStatement()) {
                s.execute("create table someone_elses (id int)"); // a non-empty schema Flyway has never seen
            }
            long migrations;
            try (Database db = Database.open(url, e.jdbcUser(), "")) {
                assertThat(tables(db)).contains("route", "route_history", "outbox", "someone_elses");
                migrations = count(db, "select count(*) from flyway_schema_history");
                try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                    s.execute("insert into route values ('t', 's', 'e', 'v1', 'https://x.example', 'inactive', 1, "
                            + "now(), 'alice', now(), 'alice')");
                }
            }
            try (Database again = Database.open(url, e.jdbcUser(), "");
                 Connection lock = again.openDedicatedConnection()) {
                assertThat(lock.isValid(2)).isTrue();
                assertThat(count(again, "select count(*) from route")).as("the data written before").isEqualTo(1);
                assertThat(count(again, "select count(*) from flyway_schema_history")).as("nothing migrated again")
                        .isEqualTo(migrations);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(e.jdbcUrl(), e.jdbcUser(), "");
                 Statement s = admin.createStatement()) {
                s.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    @Test
    void pooledConnectionsCarryASocketTimeoutSoAStatementToAServerThatStoppedAnsweringEnds() throws Exception {
        try (Connection c = WritePathFixture.database().dataSource().getConnection()) {
            assertThat(c.getNetworkTimeout()).as("pgjdbc's socket timeout, ms").isEqualTo(60_000);
        }
    }

    @Test
    void theLockSessionCarriesServerSideKeepalivesSoADeadHoldersLockCanBeFreed() throws Exception {
        try (Connection lock = WritePathFixture.database().openDedicatedConnection();
             Statement s = lock.createStatement();
             ResultSet rs = s.executeQuery("select current_setting('tcp_keepalives_idle'), "
                     + "current_setting('tcp_keepalives_interval'), current_setting('tcp_keepalives_count'), "
                     + "current_setting('tcp_user_timeout')")) {
            rs.next();
            assertThat(java.util.List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .containsExactly("10", "5", "3", "25000"); // seconds, seconds, probes, milliseconds
        }
    }

    @Test
    void refusesWhatIsNotAPostgresUrlAndNamesAnUnreachableServer() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://x/y", "u", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/nothing?connectTimeout=2", "u", ""))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("127.0.0.1:1");
    }

    private static long count(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.util.List<String> tables(Database db) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
