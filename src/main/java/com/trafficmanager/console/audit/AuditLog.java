package com.trafficmanager.console.audit;

import com.trafficmanager.console.outbox.OutboxRepository;
import com.trafficmanager.console.route.HistoryEntry;
import com.trafficmanager.console.route.RouteKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the audit log: every route's history ({@code route_history}) with where its event stands on
 * Kafka (joined from the outbox; entries whose outbox row was pruned show as "not in the outbox").
 * Bounded: a page holds at most the filter's limit, newest first, and the next page continues below
 * the last id (keyset paging, so a page costs the same however deep it is).
 *
 * <p>Hazard: {@code route_history} is indexed by route and, coarsely, by time (a BRIN index on
 * {@code occurred_at}, migration V2), to keep the write path cheap. A time range with few matches reads
 * only the block ranges that can hold it; a filter on a rare actor or action without a time range
 * still scans the table backwards from the newest entry, so every statement runs under a
 * {@value #QUERY_TIMEOUT_SECONDS} s timeout. Time bounds stay conditions on {@code occurred_at}: turning
 * them into id bounds would be faster still, but occurred_at is the committing console's clock, which
 * follows insert order only nearly, and an entry must never drop out of the range it was written in.
 * Blocks on JDBC: call it from a background thread, never from the JavaFX thread. Thread-safe.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final int QUERY_TIMEOUT_SECONDS = 20;
    /** A count only feeds an export's progress bar: it gets this long, then the export goes on without it. */
    static final int COUNT_TIMEOUT_SECONDS = 5;

    private static final String COLUMNS = """
            select h.id, h.tenant, h.service, h.env, h.version, h.action, h.before::text, h.after::text,
                   h.row_version, h.actor, h.host_name, h.request_id, h.event_id, h.occurred_at,
                   o.published_at, o.kafka_partition, o.kafka_offset, o.id is not null, coalesce(o.attempts, 0),
                   o.last_error
              from route_history h left join outbox o on o.event_id = h.event_id""";

    private final DataSource dataSource;

    public AuditLog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The newest entries that match, at most {@code filter.limit()}. */
    public AuditPage find(AuditFilter filter) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, filter, null);
        } catch (SQLException e) {
            throw AuditException.of("read the audit log", e);
        }
    }

    /**
     * Opens a snapshot for reads that must agree with each other (an export's count and all its pages):
     * one read-only REPEATABLE READ transaction, in which each read sees the log as it was at the first,
     * so entries committed while an export runs neither slip in below its cursor nor go missing above it.
     * Close it when done (it holds a pooled connection).
     */
    public Snapshot snapshot() {
        try {
            return new Snapshot(dataSource.getConnection());
        } catch (SQLException e) {
            throw AuditException.of("read the audit log", e);
        }
    }

    /**
     * Reads of one snapshot of the log: see {@link #snapshot()}. Used by one thread, except {@link #cancel},
     * which another thread calls to stop the reads.
     */
    public static final class Snapshot implements AutoCloseable {
        private final Connection connection;
        /** The statement reading now, so that {@link #cancel} can cut it short. */
        private volatile Statement running;
        private volatile boolean cancelled;

        private Snapshot(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            } catch (SQLException e) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        public AuditPage find(AuditFilter filter) {
            return AuditLog.find(connection, filter, this);
        }

        /**
         * How many entries match, or empty when the count failed or took longer than
         * {@value AuditLog#COUNT_TIMEOUT_SECONDS} s: the total an export reports progress on, which must never fail
         * the export (a filter that scans far can still be paged through, page by page). Under a savepoint,
         * because in PostgreSQL a failed statement aborts its transaction, and the pages that follow must
         * still read this snapshot. Throws only when the connection cannot go on at all.
         */
        public OptionalLong countIfQuick(AuditFilter filter) {
            try {
                Savepoint beforeCount = connection.setSavepoint();
                try {
                    long n = AuditLog.count(connection, filter, COUNT_TIMEOUT_SECONDS, this);
                    connection.releaseSavepoint(beforeCount);
                    return OptionalLong.of(n);
                } catch (AuditException e) {
                    connection.rollback(beforeCount);
                    LOG.info("counting the entries to export failed or took over {} s, exporting without a total: {}",
                            COUNT_TIMEOUT_SECONDS, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                    return OptionalLong.empty();
                }
            } catch (SQLException e) {
                throw AuditException.of("read the audit log", e);
            }
        }

        /**
         * Stops the reads, from another thread: the statement running now is cancelled (its read throws) and
         * none starts after. Sends a cancel request to the server over a connection of its own, so it blocks
         * for a round trip: never call it on the JavaFX thread. Best effort for a statement that starts in
         * the very instant: it runs to its end or its timeout, and the caller checks between reads.
         */
        public void cancel() {
            cancelled = true;
            Statement s = running;
            if (s != null) {
                try {
                    s.cancel(); // a no-op once the statement has finished
                } catch (SQLException e) {
                    LOG.debug("cancelling an audit log read: {}", e.getMessage());
                }
            }
        }

        /**
         * Ends the transaction (nothing to undo: it only read) and gives the connection back as it was. A
         * failure here (the connection dropped after the last read) changes nothing that was read, so it is
         * logged, not thrown: an export that read everything keeps its file. The pool resets or drops the
         * connection itself.
         */
        @Override
        public void close() {
            try (connection) {
                connection.rollback();
                connection.setAutoCommit(true);
                connection.setReadOnly(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            } catch (SQLException e) {
                LOG.warn("ending an audit log snapshot: {}", e.getMessage());
            }
        }
    }

    /** @param owner the snapshot that reads, so that it can cancel the statement; null for none */
    private static AuditPage find(Connection c, AuditFilter filter, Snapshot owner) {
        Where where = Where.of(filter);
        String sql = COLUMNS + where.sql() + " order by h.id desc limit ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            int next = where.bind(ps);
            ps.setInt(next, filter.limit() + 1);
            List<HistoryEntry> entries = new ArrayList<>();
            boolean more = false;
            try (ResultSet rs = execute(ps, owner)) {
                while (rs.next()) {
                    if (entries.size() == filter.limit()) {
                        more = true;
                        break;
                    }
                    entries.add(entry(rs));
                }
            }
            return new AuditPage(entries, more);
        } catch (SQLException e) {
            throw AuditException.of("read the audit log", e);
        } finally {
            done(owner);
        }
    }

    private static long count(Connection c, AuditFilter filter, int timeoutSeconds, Snapshot owner) {
        Where where = Where.of(filter);
        try (PreparedStatement ps = c.prepareStatement("select count(*) from route_history h" + where.sql())) {
            ps.setQueryTimeout(timeoutSeconds);
            where.bind(ps);
            try (ResultSet rs = execute(ps, owner)) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw AuditException.of("count the audit log entries", e);
        } finally {
            done(owner);
        }
    }

    /**
     * Runs a query as the owner's running statement. The statement is published before the cancelled flag
     * is read, and {@link Snapshot#cancel} sets the flag before it reads the statement: a cancel either
     * stops the query here or reaches the statement.
     */
    private static ResultSet execute(PreparedStatement ps, Snapshot owner) throws SQLException {
        if (owner != null) {
            owner.running = ps;
            if (owner.cancelled) {
                throw new AuditException("the read of the audit log was cancelled", null);
            }
        }
        return ps.executeQuery();
    }

    private static void done(Snapshot owner) {
        if (owner != null) {
            owner.running = null;
        }
    }

    private static HistoryEntry entry(ResultSet rs) throws SQLException {
        RouteKey key = new RouteKey(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
        return new HistoryEntry(rs.getLong(1), key, rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9),
                rs.getString(10), rs.getString(11), rs.getObject(12, UUID.class), rs.getObject(13, UUID.class),
                rs.getTimestamp(14).toInstant(),
                OutboxRepository.fromColumns(rs.getTimestamp(15), (Integer) rs.getObject(16), (Long) rs.getObject(17),
                        rs.getBoolean(18), rs.getInt(19), rs.getString(20)));
    }

    /** The where clause of a filter and its parameters, in order. */
    private record Where(String sql, List<Object> params) {
        static Where of(AuditFilter f) {
            List<String> conditions = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            f.actor().ifPresent(v -> add(conditions, params, "h.actor = ?", v));
            f.tenant().ifPresent(v -> add(conditions, params, "h.tenant = ?", v));
            f.service().ifPresent(v -> add(conditions, params, "h.service = ?", v));
            f.env().ifPresent(v -> add(conditions, params, "h.env = ?", v));
            f.action().ifPresent(v -> add(conditions, params, "h.action = ?", v.wireName()));
            f.from().ifPresent(v -> add(conditions, params, "h.occurred_at >= ?", Timestamp.from(v)));
            f.to().ifPresent(v -> add(conditions, params, "h.occurred_at < ?", Timestamp.from(v)));
            f.olderThanId().ifPresent(v -> add(conditions, params, "h.id < ?", v));
            String sql = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
            return new Where(sql, params);
        }

        private static void add(List<String> conditions, List<Object> params, String condition, Object value) {
            conditions.add(condition);
            params.add(value);
        }

        /** Binds the parameters from index 1; returns the next free index. */
        int bind(PreparedStatement ps) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return params.size() + 1;
        }
    }
}
