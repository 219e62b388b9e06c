package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.JedisPooled;

/**
 * Cache-aside reads, as the Traffic Manager's readers do them: GET the route's key; on a miss read
 * PostgreSQL and SET the value. The race it must not lose: a reader reads row version 3, the route
 * changes to 4 and its invalidation deletes the key, and only then the reader SETs its 3, leaving a
 * stale value that nothing will delete. So the fill is a Lua script ({@link Scripts#FILL}) that writes
 * only if no invalidation passed since the read, judged by the revision marker each invalidation
 * leaves (read together with the value before the database read).
 *
 * <p>Hazard: markers live {@code markerTtl}; a fill that took longer than half of that is not written
 * at all, since the marker that would refuse it may be gone. The write after that check is bounded by
 * the session client's pool wait and socket timeout (seconds, see RedisClients), well within the other
 * half. Blocks on Redis and JDBC: never call it on the JavaFX thread. Thread-safe.
 */
public final class CacheResolver {
    /** Test seam: called between the database read and the conditional SET. */
    @FunctionalInterface
    public interface FillHook {
        void betweenReadAndSet(RouteKey key, Optional<Route> read);
    }

    public static final Duration DEFAULT_VALUE_TTL = Duration.ofMinutes(10);

    private final JedisPooled redis;
    private final Function<RouteKey, Optional<Route>> database;
    private final Duration valueTtl;
    private final long maxFillNanos;
    private volatile FillHook hook = (k, r) -> { };

    /**
     * @param database reads one route from PostgreSQL, e.g. {@code routeService::find}
     */
    public CacheResolver(JedisPooled redis, Function<RouteKey, Optional<Route>> database, Duration valueTtl,
                         Duration markerTtl) {
        this.redis = redis;
        this.database = database;
        this.valueTtl = valueTtl;
        this.maxFillNanos = markerTtl.toNanos() / 2;
    }

    public void setFillHook(FillHook hook) {
        this.hook = hook == null ? (k, r) -> { } : hook;
    }

    public Resolution resolve(RouteKey key) {
        String routeKey = CacheKeys.route(key);
        String markerKey = CacheKeys.marker(key);
        List<String> cached = redis.mget(routeKey, markerKey);
        Optional<CachedRoute> hit = CachedRoute.parse(cached.get(0));
        if (hit.isPresent()) {
            return new Resolution(key, Resolution.Kind.HIT, hit.get());
        }
        String markerBefore = cached.get(1);
        long started = System.nanoTime();
        Optional<Route> read = database.apply(key);
        hook.betweenReadAndSet(key, read);
        if (read.isEmpty()) {
            return new Resolution(key, Resolution.Kind.MISS_NOT_FOUND, null);
        }
        CachedRoute value = CachedRoute.of(read.get());
        if (System.nanoTime() - started > maxFillNanos) {
            return new Resolution(key, Resolution.Kind.MISS_TOO_SLOW, value);
        }
        Object written = Scripts.FILL.eval(redis, List.of(routeKey, markerKey), List.of(value.toJson(),
                Long.toString(value.rowVersion()), markerBefore == null ? "" : markerBefore,
                Long.toString(valueTtl.toMillis())));
        return new Resolution(key, Long.valueOf(1).equals(written) ? Resolution.Kind.MISS_FILLED
                : Resolution.Kind.MISS_REFUSED_STALE, value);
    }
}
