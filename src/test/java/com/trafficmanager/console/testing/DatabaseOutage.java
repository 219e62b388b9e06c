package com.trafficmanager.console.testing;

import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A real PostgreSQL outage for one test, from the real sandbox server, without stopping it under the other
 * tests: the code under test connects as a login role of its own ({@link #database()}, a {@link Database}
 * pool like the console's), and {@link #down()} takes that role's logins away ({@code ALTER ROLE .. NOLOGIN})
 * and ends its sessions ({@code pg_terminate_backend}). The pool then sees what a console sees when
 * PostgreSQL goes away: a connection it hands out fails at its next statement (the server ended the session),
 * new logins are refused, and {@code getConnection} waits the pool's connection timeout (10 s) before it
 * throws {@code SQLTransientConnectionException}. {@link #back()} lets the role log in again; the pool
 * reconnects on its own, after its retry backoff (up to 10 s). Every other session, the other tests' and the
 * owner's, goes on untouched.
 *
 * <p>The role has a writing console's grants (on route, route_history, outbox and their sequences).
 * {@link #close()} closes the pool, ends the role's sessions and drops the role with its grants. The sandbox
 * trusts local connections: the role has no password.
 */
public final class DatabaseOutage implements AutoCloseable {
    /** How long {@link #down()} and {@link #close()} wait at most for the role's sessions to end. */
    private static final Duration SESSIONS_END = Duration.ofSeconds(30);

    private final String role;
    private final Database database;

    private DatabaseOutage(String role, Database database) {
        this.role = role;
        this.database = database;
    }

    /**
     * Creates a login role named {@code prefix} plus a random suffix, grants it what a writing console needs
     * and opens a pool as it ({@link Database#openWithoutMigration}: the schema is the owner's to migrate).
     *
     * @param prefix lower case letters, digits and underscores, starting with a letter
     */
    public static DatabaseOutage newRole(String prefix) {
        if (prefix == null || !prefix.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("prefix must be a plain lower-case identifier, got '" + prefix + "'");
        }
        String role = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        WritePathFixture.database(); // the schema exists, migrated by the owner
        asOwner("create role " + role + " login");
        try { // from here on a failure drops the role again
            asOwner("grant select, insert, update, delete on route, route_history, outbox to " + role,
                    "grant usage on sequence route_history_id_seq, outbox_id_seq to " + role);
            return new DatabaseOutage(role,
                    Database.openWithoutMigration(WritePathFixture.endpoints().jdbcUrl(), role, ""));
        } catch (RuntimeException e) {
            try {
                drop(role);
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    /** The pool that connects as the role (the one the outage hits). */
    public Database database() {
        return database;
    }

    public DataSource dataSource() {
        return database.dataSource();
    }

    /** The most connections the role's pool holds ({@link Database#openWithoutMigration} opens this many). */
    public int poolSize() {
        return Database.DEFAULT_POOL_SIZE;
    }

    public String role() {
        return role;
    }

    /**
     * PostgreSQL goes away for the role: its logins are refused, and its sessions, idle in the pool or in the
     * middle of a statement, are ended by the server. Returns once none of them is left.
     */
    public void down() {
        asOwner("alter role " + role + " nologin");
        endSessions();
    }

    /** PostgreSQL answers the role again: it may log in (the pool reconnects by itself). */
    public void back() {
        asOwner("alter role " + role + " login");
    }

    /** Closes the pool and drops the role, with whatever it was granted or owns. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            database.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            asOwner("alter role " + role + " nologin"); // nothing logs in again while it goes
            endSessions();
            drop(role);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drop(String role) {
        asOwner("reassign owned by " + role + " to current_user",
                "drop owned by " + role, // its grants on the route tables and sequences
                "drop role " + role);
    }

    /**
     * Ends the role's sessions until none is seen twice, a moment apart: a login that passed its check just
     * before NOLOGIN shows in pg_stat_activity a little later, and is ended then.
     */
    private void endSessions() {
        int[] quietLooks = {0};
        Eventually.await("the sessions of role " + role + " ended", SESSIONS_END, () -> {
            quietLooks[0] = terminateSessions() == 0 ? quietLooks[0] + 1 : 0;
            return quietLooks[0] == 2;
        });
    }

    /** Signals every session of the role to end; returns how many there were (ending ones included). */
    private int terminateSessions() {
        String sql = "select pg_terminate_backend(pid) from pg_stat_activity where usename::text = ?";
        try (Connection c = WritePathFixture.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, role);
            int seen = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen++;
                }
            }
            return seen;
        } catch (SQLException e) {
            throw new IllegalStateException("could not end the sessions of role " + role + ": " + e.getMessage(), e);
        }
    }

    /** Runs the statements as the sandbox's owner (a superuser), on the shared pool, each in its own transaction. */
    private static void asOwner(String... statements) {
        String current = null;
        try (Connection c = WritePathFixture.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                current = sql;
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not run '" + current + "' as the sandbox's owner: " + e.getMessage(),
                    e);
        }
    }
}
