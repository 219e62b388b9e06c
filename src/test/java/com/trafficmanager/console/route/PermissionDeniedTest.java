package com.trafficmanager.console.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL user with only SELECT grants, on the real sandbox: its first change is refused with a
 * message naming the user, the refused table and the GRANT that fixes it, and nothing is written.
 */
class PermissionDeniedTest {
    private final String role = "viewer_" + UUID.randomUUID().toString().substring(0, 8);
    private Database asViewer;

    @BeforeEach
    void createSelectOnlyRole() throws Exception {
        WritePathFixture.database(); // migrated by the owner
        try (Connection c = WritePathFixture.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("create role " + role + " login");
            s.execute("grant select on route, route_history, outbox to " + role);
        }
        // the sandbox trusts local connections; the role has no password
        asViewer = Database.openWithoutMigration(WritePathFixture.endpoints().jdbcUrl(), role, "");
    }

    @AfterEach
    void dropRole() throws Exception {
        asViewer.close();
        try (Connection c = WritePathFixture.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("revoke all on route, route_history, outbox from " + role);
            s.execute("drop role " + role);
        }
    }

    @Test
    void firstChangeOfAUserWithoutWriteGrantsIsAClearRefusal() {
        RouteService service = new RouteService(asViewer.dataSource(), () -> { });
        String tenant = WritePathFixture.uniqueTenant("grant");
        RouteKey key = new RouteKey(tenant, "payments", "prod", "v1");

        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class,
                () -> service.create(key, "https://pay.example.com", new OperatorContext("dora", "ws-1", false)));

        assertThat(e.databaseUser()).isEqualTo(role);
        assertThat(e.getMessage())
                .startsWith("database user '" + role + "' may not create route " + key + " (permission denied for table route)")
                .contains("GRANT SELECT, INSERT, UPDATE, DELETE ON route, route_history, outbox TO " + role)
                .contains("GRANT USAGE ON SEQUENCE route_history_id_seq, outbox_id_seq TO " + role)
                .contains("read-only profile");
        assertThat(WritePathFixture.count("select count(*) from route where tenant = ?", tenant)).isZero();
        // reading still works for this user
        assertThat(service.find(key)).isEmpty();
    }

    @Test
    void aUserWithoutReadGrantsIsToldWhichGrantToAsk() throws Exception {
        try (Connection c = WritePathFixture.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("revoke select on route from " + role);
        }
        RouteService service = new RouteService(asViewer.dataSource(), () -> { });
        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class, service::listRoutes);
        assertThat(e.getMessage()).startsWith("database user '" + role + "' may not list routes (permission denied for table route)")
                .contains("GRANT SELECT ON route, route_history, outbox TO " + role);
    }

    @Test
    void userNamesThatAreNotPlainIdentifiersAreQuoted() {
        assertThat(PermissionDeniedException.quoteIdent("console")).isEqualTo("console");
        assertThat(PermissionDeniedException.quoteIdent("Ops-Team")).isEqualTo("\"Ops-Team\"");
        assertThat(PermissionDeniedException.quoteIdent("a\"b")).isEqualTo("\"a\"\"b\"");
    }
}
