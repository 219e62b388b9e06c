package com.trafficmanager.console.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's PostgreSQL database: a HikariCP pool, brought to the current schema with Flyway
 * (migrations in {@code src/main/resources/db/migration}) before anything uses it.
 *
 * <p>A schema that is not empty but has never seen Flyway is adopted (baselined at version 0) rather than
 * refused, so the console can share a database with other tables; a table of its own name already
 * there still fails the migration, loudly.
 *
 * <p>Hazard: {@link #openDedicatedConnection()} is NOT from the pool. It exists for the outbox relay's
 * advisory lock, which lives exactly as long as its session: a pooled connection would be handed to
 * someone else or recycled by Hikari's max-lifetime, silently dropping the lock. The caller closes it.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    public static final int DEFAULT_POOL_SIZE = 8;
    /** How long a pooled connection waits for the server's answer before it gives up (pgjdbc socketTimeout). */
    static final java.time.Duration STATEMENT_SOCKET_TIMEOUT = java.time.Duration.ofSeconds(60);
    /** The publish-lock session's connect, login and answer timeout: its statements take milliseconds. */
    static final java.time.Duration LOCK_SESSION_TIMEOUT = java.time.Duration.ofSeconds(30);
    /** Server-side keepalive of the lock session: idle 10 s, then a probe every 5 s, gone after 3 missed. */
    static final List<String> LOCK_SESSION_SETTINGS = List.of("tcp_keepalives_idle = 10",
            "tcp_keepalives_interval = 5", "tcp_keepalives_count = 3", "tcp_user_timeout = 25000");

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final HikariDataSource pool;

    private Database(String jdbcUrl, String user, String password, HikariDataSource pool) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.pool = pool;
    }

    /** Opens a pool of {@value #DEFAULT_POOL_SIZE} connections and migrates the schema. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens the pool and runs the migrations; on failure nothing stays open and the exception names the
     * server and the step that failed.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        return open(jdbcUrl, user, password, poolSize, true);
    }

    /**
     * For a read-only profile: the pool without Flyway, since a read-only console must not change the
     * schema (and its database user may lack the grants to). A writing console migrates it.
     */
    public static Database openWithoutMigration(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, DEFAULT_POOL_SIZE, false);
    }

    private static Database open(String jdbcUrl, String user, String password, int poolSize, boolean migrate) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:postgresql:', got '" + jdbcUrl + "'");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("traffic-console-db");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        if (password != null && !password.isEmpty()) {
            // the driver reads ~/.pgpass (or PGPASSFILE) only when no password is given at all, an empty one included
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "traffic-console");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // a statement already sent to a server that stopped answering (hung, or the network dropping
        // packets silently) would otherwise wait for TCP to give up, a quarter of an hour or more, with
        // the tab's worker thread and the status it shows stuck; no statement of the console runs this long
        config.addDataSourceProperty("socketTimeout", Long.toString(STATEMENT_SOCKET_TIMEOUT.toSeconds()));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException("could not connect to " + jdbcUrl + " as " + user + ": " + rootMessage(e), e);
        }
        try {
            if (migrate) {
                migrate(pool);
            }
        } catch (RuntimeException e) {
            pool.close();
            throw new DatabaseException("could not migrate the schema of " + jdbcUrl + ": " + rootMessage(e), e);
        }
        return new Database(jdbcUrl, user, password, pool);
    }

    private static void migrate(DataSource dataSource) {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    // a database that already holds other tables (benchmark floors, a DBA's tools) is
                    // adopted at version 0, so that V1 still runs; baselineVersion 1 would skip it
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            LOG.info("database schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * A new session outside the pool (see the class comment); the caller must close it.
     *
     * <p>The server probes it too: the lock is freed only when PostgreSQL ends the session, and a holder
     * whose machine lost power or network (no FIN, no RST) would otherwise keep its session, and the
     * lock, for the operating system's default of over two hours, with no console publishing meanwhile.
     * With these settings the server gives up on a silent peer within about half a minute.
     */
    public Connection openDedicatedConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "traffic-console-lock");
        props.setProperty("tcpKeepAlive", "true");
        // bounded like the pool's: the relay thread asks for the lock on this session twice a second, and a
        // server that stops answering (frozen, or a route that drops packets) must not hold it for TCP's timeout
        props.setProperty("connectTimeout", Long.toString(LOCK_SESSION_TIMEOUT.toSeconds()));
        props.setProperty("loginTimeout", Long.toString(LOCK_SESSION_TIMEOUT.toSeconds()));
        props.setProperty("socketTimeout", Long.toString(LOCK_SESSION_TIMEOUT.toSeconds()));
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        try (Statement s = c.createStatement()) {
            for (String setting : LOCK_SESSION_SETTINGS) {
                s.execute("set " + setting);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }


    @Override
    public void close() {
        pool.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
