package com.trafficmanager.console.outbox;

import com.trafficmanager.console.db.ClockOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQL of the {@code outbox} table. Every method works on the caller's connection, so the writer's
 * insert joins the route change's transaction; set-based statements ({@code unnest} of arrays) keep a
 * batch to one round trip.
 *
 * <p>Hazard: {@link #insert} must run after the route rows are locked in the same transaction (see
 * DESIGN.md "Commit, then publish"), otherwise two writers of one key could commit their outbox rows
 * in the opposite order of their ids and the relay would publish them out of order.
 */
public final class OutboxRepository {

    private static final String INSERT = """
            insert into outbox (event_id, event_key, event_version, payload)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::bytea[])
            returning id, event_id""";

    private static final String SELECT_PENDING = """
            select id, event_id, event_key, event_version, payload, attempts
              from outbox
             where published_at is null and not (event_key = any (?::text[]))
             order by id
             limit ?""";

    private static final String MARK_PUBLISHED = """
            update outbox o
               set published_at = now(), kafka_partition = u.p, kafka_offset = u.o,
                   attempts = o.attempts + 1, last_attempt_at = now()
              from unnest(?::bigint[], ?::int[], ?::bigint[]) as u(id, p, o)
             where o.id = u.id and o.published_at is null""";

    private static final String MARK_FAILED = """
            update outbox
               set attempts = attempts + 1, last_error = ?, last_attempt_at = now()
             where id = any (?::bigint[]) and published_at is null""";

    private static final String PRUNE = """
            delete from outbox where id in (
                select id from outbox
                 where published_at is not null and published_at < now() - make_interval(secs => ?)
                 limit ?)""";

    private static final String BACKLOG = """
            select count(*), coalesce(extract(epoch from now() - min(created_at)), 0),
                   (select last_error from outbox
                     where published_at is null and last_error is not null
                     order by last_attempt_at desc nulls last limit 1)
              from outbox where published_at is null""";

    private static final String STATES = """
            select event_id, published_at, kafka_partition, kafka_offset, attempts, last_error, statement_timestamp()
              from outbox where event_id = any(?)""";

    private OutboxRepository() {
    }

    /** Inserts the entries; returns the outbox id of each event id. */
    public static Map<UUID, Long> insert(Connection c, List<OutboxEntry> entries) throws SQLException {
        int n = entries.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] versions = new String[n];
        byte[][] payloads = new byte[n][];
        for (int i = 0; i < n; i++) {
            OutboxEntry e = entries.get(i);
            ids[i] = e.eventId();
            keys[i] = e.key();
            versions[i] = e.eventVersion();
            payloads[i] = e.payload();
        }
        Map<UUID, Long> outboxIds = new HashMap<>(n * 2);
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("uuid", ids));
            ps.setArray(2, c.createArrayOf("text", keys));
            ps.setArray(3, c.createArrayOf("text", versions));
            ps.setArray(4, c.createArrayOf("bytea", payloads));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outboxIds.put(rs.getObject(2, UUID.class), rs.getLong(1));
                }
            }
        }
        return outboxIds;
    }

    /** Up to {@code limit} unpublished rows in id order, leaving out the keys that are held back. */
    static List<PendingRow> selectPending(Connection c, int limit, Collection<String> heldBackKeys)
            throws SQLException {
        List<PendingRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SELECT_PENDING)) {
            ps.setArray(1, c.createArrayOf("text", heldBackKeys.toArray(new String[0])));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PendingRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getBytes(5), rs.getInt(6)));
                }
            }
        }
        return rows;
    }

    /** Marks rows published with the partition and offset Kafka acknowledged. */
    static int markPublished(Connection c, long[] ids, int[] partitions, long[] offsets) throws SQLException {
        if (ids.length == 0) {
            return 0;
        }
        Long[] boxedIds = new Long[ids.length];
        Integer[] boxedPartitions = new Integer[ids.length];
        Long[] boxedOffsets = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxedIds[i] = ids[i];
            boxedPartitions[i] = partitions[i];
            boxedOffsets[i] = offsets[i];
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_PUBLISHED)) {
            ps.setArray(1, c.createArrayOf("bigint", boxedIds));
            ps.setArray(2, c.createArrayOf("int", boxedPartitions));
            ps.setArray(3, c.createArrayOf("bigint", boxedOffsets));
            return ps.executeUpdate();
        }
    }

    static void markFailed(Connection c, long[] ids, String error) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        try (PreparedStatement ps = c.prepareStatement(MARK_FAILED)) {
            ps.setString(1, error);
            ps.setArray(2, c.createArrayOf("bigint", boxed));
            ps.executeUpdate();
        }
    }

    /** Deletes up to {@code limit} rows published longer ago than {@code age}; returns how many. */
    static int prunePublished(Connection c, Duration age, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PRUNE)) {
            ps.setDouble(1, age.toMillis() / 1000.0);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    public static Backlog backlog(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BACKLOG); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long count = rs.getLong(1);
            double ageSeconds = rs.getDouble(2);
            return new Backlog(count, Duration.ofMillis(Math.round(ageSeconds * 1000)), rs.getString(3));
        }
    }

    /**
     * The states of many events in one statement (an event without an outbox row is UNKNOWN), their publish
     * times on {@code local} (see {@link ClockOffset}).
     */
    public static Map<UUID, PublishState> publishStates(Connection c, Collection<UUID> eventIds, Clock local)
            throws SQLException {
        Map<UUID, PublishState> states = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STATES)) {
            ps.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            Instant before = local.instant();
            Timestamp databaseNow = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getObject(1, UUID.class), fromColumns(rs.getTimestamp(2), (Integer) rs.getObject(3),
                            (Long) rs.getObject(4), true, rs.getInt(5), rs.getString(6)));
                    databaseNow = rs.getTimestamp(7);
                }
            }
            if (databaseNow != null) {
                ClockOffset offset = ClockOffset.measured(databaseNow.toInstant(), before, local.instant());
                states.replaceAll((id, state) -> state.onClock(offset));
            }
        }
        for (UUID id : eventIds) {
            states.putIfAbsent(id, PublishState.UNKNOWN);
        }
        return states;
    }

    /** The state from outbox columns as a join returns them ({@code inOutbox} false when no row joined). */
    public static PublishState fromColumns(Timestamp publishedAt, Integer partition, Long offset, boolean inOutbox,
                                           int attempts, String lastError) {
        if (!inOutbox) {
            return PublishState.UNKNOWN;
        }
        if (publishedAt == null) {
            return new PublishState(PublishState.Status.PENDING, null, null, null, attempts, lastError);
        }
        return new PublishState(PublishState.Status.PUBLISHED, partition, offset, publishedAt.toInstant(), attempts,
                lastError);
    }
}
