package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Looks into the route cache for operators: one key with its TTL and revision marker, keys by pattern
 * (SCAN, never KEYS, and bounded), and a check of every cached route against the database.
 *
 * <p>{@link #verify} reads the routes, then the cache; a route changed in between could show as stale
 * (its invalidation on the way) or one created in between as orphaned, so every finding is checked
 * again against the routes and the cache read anew, and only what still disagrees is reported.
 * Blocks on Redis and JDBC: never on the JavaFX thread.
 */
public final class CacheInspector {
    public static final int MAX_SCAN = 10_000;
    public static final int MAX_VERIFY = 100_000;
    private static final int CHUNK = 500;
    private static final int SCAN_COUNT = 1000;
    /** With {@link #SCAN_COUNT}, ten million keys visited at most: a second or two of short calls. */
    static final int MAX_SCAN_CALLS = 10_000;

    private final JedisPooled redis;
    private final Supplier<List<Route>> allRoutes;

    public CacheInspector(JedisPooled redis, Supplier<List<Route>> allRoutes) {
        this.redis = redis;
        this.allRoutes = allRoutes;
    }

    public KeyInspection inspect(RouteKey key) {
        String routeKey = CacheKeys.route(key);
        String markerKey = CacheKeys.marker(key);
        try (Pipeline p = redis.pipelined()) {
            Response<String> value = p.get(routeKey);
            Response<Long> ttl = p.pttl(routeKey);
            Response<String> marker = p.get(markerKey);
            Response<Long> markerTtl = p.pttl(markerKey);
            p.sync();
            return new KeyInspection(routeKey, value.get(), ttl.get(), marker.get(), markerTtl.get());
        }
    }

    /** Keys matching a glob pattern, at most {@code limit} (1 to {@value #MAX_SCAN}). */
    public KeyScan scan(String pattern, int limit) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("pattern must not be empty");
        }
        if (limit < 1 || limit > MAX_SCAN) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_SCAN + ", got " + limit);
        }
        List<String> keys = new ArrayList<>();
        boolean more = scanInto(pattern, limit, keys);
        return new KeyScan(pattern, keys, more);
    }

    /** Every cached route (up to {@value #MAX_VERIFY}) compared with its row in the database. */
    public VerifyReport verify() {
        Map<String, Route> routes = new HashMap<>();
        for (Route r : allRoutes.get()) {
            routes.put(CacheKeys.route(r.key()), r);
        }
        List<String> keys = new ArrayList<>();
        boolean truncated = scanInto(CacheKeys.ROUTE_PATTERN, MAX_VERIFY, keys);
        List<String> stale = new ArrayList<>();
        List<String> orphaned = new ArrayList<>();
        compare(keys, routes, stale, orphaned);
        if (!stale.isEmpty() || !orphaned.isEmpty()) {
            // a route changed or created while the cache was read is not a finding: what still disagrees
            // with the database as it is now, read again, is
            Map<String, Route> now = new HashMap<>();
            for (Route r : allRoutes.get()) {
                now.put(CacheKeys.route(r.key()), r);
            }
            List<String> suspects = new ArrayList<>(stale);
            suspects.addAll(orphaned);
            stale.clear();
            orphaned.clear();
            compare(suspects, now, stale, orphaned);
        }
        return new VerifyReport(keys.size(), stale, orphaned, truncated);
    }

    private void compare(List<String> keys, Map<String, Route> routes, List<String> stale, List<String> orphaned) {
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            List<String> values = redis.mget(chunk.toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                String key = chunk.get(i);
                String value = values.get(i);
                if (value == null) {
                    continue; // deleted since the scan
                }
                Route route = routes.get(key);
                if (route == null) {
                    orphaned.add(key);
                } else {
                    Optional<CachedRoute> cached = CachedRoute.parse(value);
                    if (cached.isEmpty() || !cached.get().matches(route)) {
                        stale.add(key);
                    }
                }
            }
        }
    }

    /**
     * True when the scan stopped with keys left: at the limit of keys found, or after {@value #MAX_SCAN_CALLS}
     * SCAN calls (a SCAN visits every key of the database, the dedupe and marker keys too, whatever the
     * pattern). A key SCAN returns twice (it may, while the keyspace grows) is kept once.
     */
    private boolean scanInto(String pattern, int limit, List<String> into) {
        ScanParams params = new ScanParams().match(pattern).count(SCAN_COUNT);
        String cursor = ScanParams.SCAN_POINTER_START;
        java.util.Set<String> seen = new java.util.HashSet<>();
        int calls = 0;
        do {
            if (++calls > MAX_SCAN_CALLS) {
                return true;
            }
            ScanResult<String> page = redis.scan(cursor, params);
            for (String k : page.getResult()) {
                if (into.size() >= limit) {
                    return true;
                }
                if (seen.add(k)) {
                    into.add(k);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return false;
    }
}
