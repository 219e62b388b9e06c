package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.RouteChangedEvent;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs the invalidate script for a whole poll batch in ONE pipelined round trip, in record order (so
 * one route's events apply in partition order). Each event is still one atomic step in Redis.
 *
 * <p>Hazard: when the connection breaks mid-round some scripts may have run and others not; the caller
 * treats the whole batch as unprocessed and sends it again later. The ones that did run come back as
 * duplicates, which is what at-least-once means.
 */
final class BatchInvalidator {
    private final JedisPooled redis;
    private final String dedupeTtlMs;
    private final String markerTtlMs;

    BatchInvalidator(JedisPooled redis, InvalidationConfig config) {
        this.redis = redis;
        this.dedupeTtlMs = Long.toString(config.dedupeTtl().toMillis());
        this.markerTtlMs = Long.toString(config.markerTtl().toMillis());
    }

    /** One result per event: {@link Outcome#DELETED}, {@link Outcome#ABSENT}, {@link Outcome#DUPLICATE} or null
     *  with the error message in {@code errors} at the same index. */
    Result invalidate(List<RouteChangedEvent> events) throws RedisUnavailableException {
        if (events.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        try {
            try {
                return round(events);
            } catch (JedisNoScriptException e) {
                Scripts.INVALIDATE.load(redis); // Redis restarted and lost its script cache
                return round(events);
            }
        } catch (JedisConnectionException e) {
            throw new RedisUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    void ping() throws RedisUnavailableException {
        try {
            redis.ping();
            Scripts.INVALIDATE.load(redis);
        } catch (JedisConnectionException e) {
            throw new RedisUnavailableException("Redis is unavailable: " + e.getMessage(), e);
        }
    }

    private Result round(List<RouteChangedEvent> events) {
        List<Response<Object>> responses = new ArrayList<>(events.size());
        try (Pipeline p = redis.pipelined()) {
            for (RouteChangedEvent e : events) {
                String eventKey = e.key();
                responses.add(p.evalsha(Scripts.INVALIDATE.sha(),
                        List.of(CacheKeys.seen(e.eventId()), CacheKeys.route(eventKey), CacheKeys.marker(eventKey)),
                        List.of(dedupeTtlMs, e.revision() == null ? "" : e.revision().toString(), markerTtlMs,
                                e.eventId().toString())));
            }
            p.sync();
        }
        List<Outcome> outcomes = new ArrayList<>(events.size());
        List<String> errors = new ArrayList<>(events.size());
        for (Response<Object> r : responses) {
            try {
                long code = (Long) r.get();
                outcomes.add(code == Scripts.DUPLICATE ? Outcome.DUPLICATE
                        : code == Scripts.DELETED ? Outcome.DELETED : Outcome.ABSENT);
                errors.add(null);
            } catch (JedisNoScriptException e) {
                throw e;
            } catch (JedisDataException e) {
                outcomes.add(null); // this record's script failed in Redis (e.g. a key of the wrong type)
                errors.add(e.getMessage());
            }
        }
        return new Result(outcomes, errors);
    }

    /** Outcomes per event, in order; an outcome is null where {@code errors} holds Redis's refusal. */
    record Result(List<Outcome> outcomes, List<String> errors) {
    }
}
