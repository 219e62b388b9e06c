package com.trafficmanager.console.app;

import com.trafficmanager.console.invalidation.CacheKeys;
import com.trafficmanager.console.invalidation.CachedRoute;
import com.trafficmanager.console.invalidation.InvalidationConsumer;
import com.trafficmanager.console.invalidation.ProcessedEvent;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.stream.EventTail;
import com.trafficmanager.console.trace.CacheState;
import com.trafficmanager.console.trace.ChangeTracer;
import com.trafficmanager.console.trace.Hop;
import com.trafficmanager.console.trace.HopRecord;
import com.trafficmanager.console.trace.TraceBook;
import com.trafficmanager.console.trace.TraceWatcher;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * Connects the change trace to the parts of a session that witness a change's hops: the route service
 * (committed), the relay (published), the live tail (seen), the invalidation consumer (processed) and
 * the route cache (verified).
 */
final class SessionTracing implements AutoCloseable {
    private final TraceBook book;
    private final TraceWatcher watcher;
    private volatile EventTail tail;

    SessionTracing(TraceBook book, RouteService routes, OutboxRelay relay, InvalidationConsumer consumer,
                   JedisPooled redis) {
        this.book = book;
        ChangeTracer tracer = new ChangeTracer(book, Clock.systemUTC());
        routes.addChangeListener(tracer::committed);
        if (relay != null) {
            relay.addListener(tracer::published);
        }
        this.watcher = new TraceWatcher(book, routes::publishStates, routeKeys -> cacheStates(redis, routeKeys),
                partition -> consumer.running() && consumer.assignedPartitions().contains(partition),
                () -> tail != null && tail.started(), Clock.systemUTC());
        watcher.start();
        consumer.addListener((events, redisDoneNanos) -> processed(events)); // after the watcher exists
    }

    /** The live tail, once the Live events tab made it: its reads become the "seen by the live tail" hop. */
    void follow(EventTail liveTail) {
        this.tail = liveTail;
        liveTail.onSeen((eventId, partition, offset) -> {
            try {
                book.hopIfFollowed(UUID.fromString(eventId), Hop.SEEN_BY_TAIL,
                        "partition " + partition + ", offset " + offset);
            } catch (IllegalArgumentException notAUuid) {
                // another writer's id format: not one of this console's changes
            }
        });
    }

    private void processed(List<ProcessedEvent> events) {
        boolean followed = false;
        for (ProcessedEvent e : events) {
            if (e.eventId() == null) {
                continue;
            }
            try {
                UUID id = UUID.fromString(e.eventId());
                followed |= book.find(id).isPresent();
                book.hop(id, Hop.PROCESSED, HopRecord.seen(e.at(),
                        e.outcome().name().toLowerCase(java.util.Locale.ROOT) + " (partition " + e.partition()
                                + ", offset " + e.offset() + ")"));
            } catch (IllegalArgumentException notAUuid) {
                // an event id another writer formatted differently: not one of this console's changes
            }
        }
        if (followed) {
            watcher.nudge(); // the cache check of a followed change need not wait for the next tick
        }
    }

    /** One MGET for all the keys a watcher's sweep checks, not one GET each. */
    private static java.util.Map<String, CacheState> cacheStates(JedisPooled redis, List<String> routeKeys) {
        List<String> values = redis.mget(routeKeys.stream().map(CacheKeys::route).toArray(String[]::new));
        java.util.Map<String, CacheState> states = new java.util.HashMap<>();
        for (int i = 0; i < routeKeys.size(); i++) {
            states.put(routeKeys.get(i), cacheState(values.get(i)));
        }
        return states;
    }

    private static CacheState cacheState(String value) {
        if (value == null) {
            return CacheState.ABSENT;
        }
        return CachedRoute.parse(value).map(v -> CacheState.holding(v.rowVersion()))
                .orElse(new CacheState(true, java.util.OptionalLong.empty()));
    }

    @Override
    public void close() {
        watcher.close();
    }
}
