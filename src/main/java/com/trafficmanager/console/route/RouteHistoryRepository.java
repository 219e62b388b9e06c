package com.trafficmanager.console.route;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of {@code route_history}: written in the change's transaction, read with the publish state of
 * each entry's event (joined from the outbox; entries whose outbox row was pruned show as unknown).
 */
final class RouteHistoryRepository {

    /** One history row to write; the shared facts of the operator action are passed beside it. */
    record Row(RouteKey key, Action action, String beforeJson, String afterJson, long rowVersion, UUID eventId) {
    }

    /** Who changed a route last and when (also after a delete, when the route row is gone). */
    /** The latest history entry of a route; {@code action} as stored, like {@link HistoryEntry#action()}. */
    record LastChange(String action, String actor, Instant at, long rowVersion) {
    }

    private static final String INSERT = """
            insert into route_history (tenant, service, env, version, action, before, after, row_version, actor,
                                       host_name, request_id, event_id, occurred_at)
            select u.tenant, u.service, u.env, u.version, u.action, u.before::jsonb, u.after::jsonb, u.row_version,
                   ?, ?, ?, u.event_id, ?
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                          ?::uuid[])
                   as u(tenant, service, env, version, action, before, after, row_version, event_id)""";

    private static final String FOR_ROUTE = """
            select h.id, h.action, h.before::text, h.after::text, h.row_version, h.actor, h.host_name, h.request_id,
                   h.event_id, h.occurred_at, o.published_at, o.kafka_partition, o.kafka_offset, o.id is not null,
                   coalesce(o.attempts, 0), o.last_error
              from route_history h left join outbox o on o.event_id = h.event_id
             where h.tenant = ? and h.service = ? and h.env = ? and h.version = ?
             order by h.id desc
             limit ?""";

    private static final String LAST = """
            select action, actor, occurred_at, row_version from route_history
             where tenant = ? and service = ? and env = ? and version = ?
             order by id desc limit 1""";

    private RouteHistoryRepository() {
    }

    static void insert(Connection c, List<Row> rows, String actor, String hostName, UUID requestId, Instant at)
            throws SQLException {
        int n = rows.size();
        String[][] cols = new String[7][n];
        Long[] versions = new Long[n];
        UUID[] eventIds = new UUID[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            cols[0][i] = r.key().tenant();
            cols[1][i] = r.key().service();
            cols[2][i] = r.key().env();
            cols[3][i] = r.key().version();
            cols[4][i] = r.action().wireName();
            cols[5][i] = r.beforeJson();
            cols[6][i] = r.afterJson();
            versions[i] = r.rowVersion();
            eventIds[i] = r.eventId();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, actor);
            ps.setString(2, hostName);
            ps.setObject(3, requestId);
            ps.setTimestamp(4, Timestamp.from(at));
            for (int col = 0; col < 7; col++) {
                ps.setArray(5 + col, c.createArrayOf("text", cols[col]));
            }
            ps.setArray(12, c.createArrayOf("bigint", versions));
            ps.setArray(13, c.createArrayOf("uuid", eventIds));
            ps.executeUpdate();
        }
    }

    static List<HistoryEntry> forRoute(Connection c, RouteKey key, int limit) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(FOR_ROUTE)) {
            setKey(ps, key);
            ps.setInt(5, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new HistoryEntry(rs.getLong(1), key, rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, UUID.class), rs.getObject(9, UUID.class), rs.getTimestamp(10).toInstant(),
                            OutboxRepository.fromColumns(rs.getTimestamp(11), (Integer) rs.getObject(12),
                                    (Long) rs.getObject(13), rs.getBoolean(14), rs.getInt(15), rs.getString(16))));
                }
            }
        }
        return entries;
    }

    static Optional<LastChange> lastChange(Connection c, RouteKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST)) {
            setKey(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LastChange(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getLong(4)));
            }
        }
    }

    private static void setKey(PreparedStatement ps, RouteKey key) throws SQLException {
        ps.setString(1, key.tenant());
        ps.setString(2, key.service());
        ps.setString(3, key.env());
        ps.setString(4, key.version());
    }
}
