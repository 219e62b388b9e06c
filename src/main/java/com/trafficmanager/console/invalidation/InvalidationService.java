package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import redis.clients.jedis.JedisPooled;

/**
 * The invalidation feature of one console session: the consumer, its monitor, the cache-aside resolver,
 * the cache inspector and (on the sandbox) the fault injector, wired to the session's clients.
 */
public final class InvalidationService implements AutoCloseable {

    private final InvalidationConsumer consumer;
    private final InvalidationMonitor monitor;
    private final CacheResolver resolver;
    private final CacheInspector inspector;
    private final FaultInjector faults;
    private final boolean consumeAllowed;

    private InvalidationService(InvalidationConsumer consumer, InvalidationMonitor monitor, CacheResolver resolver,
                                CacheInspector inspector, FaultInjector faults, boolean consumeAllowed) {
        this.consumer = consumer;
        this.monitor = monitor;
        this.resolver = resolver;
        this.inspector = inspector;
        this.faults = faults;
        this.consumeAllowed = consumeAllowed;
    }

    /**
     * @param consumeAllowed false on a read-only profile: the consumer would commit the group's offsets
     * @param sandboxRedis   the sandbox's Redis switch, or null (no fault injection)
     */
    public static InvalidationService create(InvalidationConfig config, JedisPooled redis, Admin admin,
                                             Function<RouteKey, Optional<Route>> database,
                                             Supplier<List<Route>> allRoutes, boolean consumeAllowed,
                                             FaultInjector.RedisSwitch sandboxRedis) {
        InvalidationConsumer consumer = new InvalidationConsumer(config, redis);
        InvalidationMonitor monitor = new InvalidationMonitor(consumer, new LagReader(admin, config, Clock.systemUTC()),
                InvalidationMonitor.DEFAULT_INTERVAL, InvalidationMonitor.DEFAULT_WINDOW, Clock.systemUTC());
        return new InvalidationService(consumer, monitor,
                new CacheResolver(redis, database, CacheResolver.DEFAULT_VALUE_TTL, config.markerTtl()),
                new CacheInspector(redis, allRoutes), new FaultInjector(consumer, sandboxRedis), consumeAllowed);
    }

    /**
     * The dead-letter topic of a route events topic, {@code <topic>.dlq}. The consumer copies malformed
     * records to it while it exists: creating it is how an operator turns the copies on.
     */
    public static String dlqTopicFor(String topic) {
        return topic + ".dlq";
    }

    /** Starts sampling, and the consumer unless the profile is read-only. */
    public void start() {
        monitor.start();
        if (consumeAllowed) {
            consumer.start();
        }
    }

    public boolean consumeAllowed() {
        return consumeAllowed;
    }

    public InvalidationConsumer consumer() {
        return consumer;
    }

    public InvalidationMonitor monitor() {
        return monitor;
    }

    public CacheResolver resolver() {
        return resolver;
    }

    public CacheInspector inspector() {
        return inspector;
    }

    public FaultInjector faults() {
        return faults;
    }

    @Override
    public void close() {
        monitor.close();
        consumer.close();
    }
}
