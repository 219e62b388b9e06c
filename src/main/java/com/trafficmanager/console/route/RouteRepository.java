package com.trafficmanager.console.route;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL of the {@code route} table, on the caller's connection and transaction. Several routes go in one
 * statement ({@code unnest} of arrays), so a bulk action of 100 routes costs a few round trips, not
 * hundreds.
 *
 * <p>Hazard: {@link #lockForUpdate} locks rows in key order. Every writer must lock through it, so that
 * two bulk actions over overlapping routes wait for each other instead of deadlocking.
 */
final class RouteRepository {
    private static final String COLUMNS =
            "r.tenant, r.service, r.env, r.version, r.url, r.state, r.row_version, r.created_at, r.created_by, "
                    + "r.updated_at, r.updated_by";
    private static final String KEYS = "unnest(?::text[], ?::text[], ?::text[], ?::text[]) as k(tenant, service, env, version)";

    private static final String LOCK = "select " + COLUMNS + " from route r join " + KEYS
            + " using (tenant, service, env, version)"
            + " order by r.tenant, r.service, r.env, r.version for update of r";

    private static final String INSERT = """
            insert into route (tenant, service, env, version, url, state, row_version, created_at, created_by,
                               updated_at, updated_by)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing""";

    private static final String UPDATE = """
            update route r
               set url = u.url, state = u.state, row_version = u.row_version, updated_at = ?, updated_by = ?
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                   as u(tenant, service, env, version, url, state, row_version)
             where r.tenant = u.tenant and r.service = u.service and r.env = u.env and r.version = u.version
               and r.row_version = u.row_version - 1""";

    private static final String DELETE = """
            delete from route where tenant = ? and service = ? and env = ? and version = ? and row_version = ?""";

    private static final String FIND = "select " + COLUMNS
            + " from route r where tenant = ? and service = ? and env = ? and version = ?";

    private static final String ALL = "select " + COLUMNS + " from route r order by tenant, service, env, version";

    private RouteRepository() {
    }

    /** Locks the routes that exist among {@code keys} (in key order) and returns them by key. */
    static Map<RouteKey, Route> lockForUpdate(Connection c, List<RouteKey> keys) throws SQLException {
        Map<RouteKey, Route> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            setKeys(c, ps, 1, keys);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Route r = read(rs);
                    found.put(r.key(), r);
                }
            }
        }
        return found;
    }

    /** Inserts the route unless the key is taken; returns whether it was inserted. */
    static boolean insert(Connection c, Route r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, r.key().tenant());
            ps.setString(2, r.key().service());
            ps.setString(3, r.key().env());
            ps.setString(4, r.key().version());
            ps.setString(5, r.url());
            ps.setString(6, r.state().dbName());
            ps.setLong(7, r.rowVersion());
            ps.setTimestamp(8, Timestamp.from(r.createdAt()));
            ps.setString(9, r.createdBy());
            ps.setTimestamp(10, Timestamp.from(r.updatedAt()));
            ps.setString(11, r.updatedBy());
            return ps.executeUpdate() == 1;
        }
    }

    /** Sets the row_version of a route this transaction just inserted (see RouteService#create). */
    static void setInsertedRowVersion(Connection c, RouteKey key, long rowVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update route set row_version = ? where tenant = ? and service = ? and env = ? and version = ?")) {
            ps.setLong(1, rowVersion);
            ps.setString(2, key.tenant());
            ps.setString(3, key.service());
            ps.setString(4, key.env());
            ps.setString(5, key.version());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("route " + key + " inserted in this transaction is not there");
            }
        }
    }

    /**
     * Writes the new state of locked routes (all changed at one time by one actor); each must be exactly
     * one row_version ahead of the stored row. Returns the number of rows written.
     */
    static int update(Connection c, List<Route> after) throws SQLException {
        int n = after.size();
        String[] urls = new String[n];
        String[] states = new String[n];
        Long[] versions = new Long[n];
        List<RouteKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Route r = after.get(i);
            keys.add(r.key());
            urls[i] = r.url();
            states[i] = r.state().dbName();
            versions[i] = r.rowVersion();
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setTimestamp(1, Timestamp.from(after.get(0).updatedAt()));
            ps.setString(2, after.get(0).updatedBy());
            setKeys(c, ps, 3, keys);
            ps.setArray(7, c.createArrayOf("text", urls));
            ps.setArray(8, c.createArrayOf("text", states));
            ps.setArray(9, c.createArrayOf("bigint", versions));
            return ps.executeUpdate();
        }
    }

    static boolean delete(Connection c, Route r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, r.key().tenant());
            ps.setString(2, r.key().service());
            ps.setString(3, r.key().env());
            ps.setString(4, r.key().version());
            ps.setLong(5, r.rowVersion());
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<Route> find(Connection c, RouteKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, key.tenant());
            ps.setString(2, key.service());
            ps.setString(3, key.env());
            ps.setString(4, key.version());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    static List<Route> findAll(Connection c) throws SQLException {
        return findFirst(c, Integer.MAX_VALUE);
    }

    /** The first {@code limit} routes in key order. */
    static List<Route> findFirst(Connection c, int limit) throws SQLException {
        List<Route> routes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ALL + " limit ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    routes.add(read(rs));
                }
            }
        }
        return routes;
    }

    private static void setKeys(Connection c, PreparedStatement ps, int first, List<RouteKey> keys)
            throws SQLException {
        int n = keys.size();
        String[] t = new String[n];
        String[] s = new String[n];
        String[] e = new String[n];
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            RouteKey k = keys.get(i);
            t[i] = k.tenant();
            s[i] = k.service();
            e[i] = k.env();
            v[i] = k.version();
        }
        ps.setArray(first, c.createArrayOf("text", t));
        ps.setArray(first + 1, c.createArrayOf("text", s));
        ps.setArray(first + 2, c.createArrayOf("text", e));
        ps.setArray(first + 3, c.createArrayOf("text", v));
    }

    private static Route read(ResultSet rs) throws SQLException {
        return new Route(new RouteKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                rs.getString(5), RouteState.fromDb(rs.getString(6)), rs.getLong(7), rs.getTimestamp(8).toInstant(),
                rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11));
    }
}
