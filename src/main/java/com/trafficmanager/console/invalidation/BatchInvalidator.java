package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.RouteChangedEvent;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Runs the invalidate script for a whole poll batch in ONE pipelined round trip, in record order (so
 * one route's events apply in partition order), {@value #CHUNK} events per script call. Each event is
 * still one atomic step in Redis. A {@link Round} sends each chunk as soon as it is full, so Redis
 * works on the first chunks while the consumer is still decoding the rest of the batch.
 *
 * <p>Hazard: when the connection breaks mid-round some scripts may have run and others not; the caller
 * treats the whole batch as unprocessed and sends it again later. The events the broken round did run
 * then answer as duplicates remembered with its token, which {@link RetriedEvents} counts as the
 * outcome they had (a redelivery from elsewhere is still a duplicate).
 */
final class BatchInvalidator {
    /** Events per script call: large enough that the call's overhead vanishes, small enough that one
     *  call holds Redis for about a millisecond, not the whole batch's time. */
    static final int CHUNK = 200;
    private final JedisPooled redis;
    private final String dedupeTtlMs;
    private final String markerTtlMs;

    BatchInvalidator(JedisPooled redis, InvalidationConfig config) {
        this.redis = redis;
        this.dedupeTtlMs = Long.toString(config.dedupeTtl().toMillis());
        this.markerTtlMs = Long.toString(config.markerTtl().toMillis());
    }

    /**
     * A round for one batch; add its events in record order, then {@link Round#finish}. {@code token} is
     * written with the event ids the round remembers, and a duplicate answers with what its id was
     * remembered with ({@link Result#remembered}). "" for none.
     */
    Round begin(String token) {
        return new Round(token);
    }

    /** One round with all of {@code events}, without a token; see {@link Round#finish}. */
    Result invalidate(List<RouteChangedEvent> events) throws RedisUnavailableException {
        return invalidate(events, "");
    }

    /** One round with all of {@code events}; see {@link #begin} and {@link Round#finish}. */
    Result invalidate(List<RouteChangedEvent> events, String token) throws RedisUnavailableException {
        try (Round round = begin(token)) {
            for (RouteChangedEvent e : events) {
                round.add(e);
            }
            return round.finish();
        }
    }

    /**
     * Whether Redis takes the invalidate step again. A refusal counts as unavailable like a broken
     * connection: BUSY (another client's script), LOADING (a restart reading its data), NOAUTH or
     * WRONGPASS (a password changed), MASTERDOWN; the consumer keeps waiting in the group for it to pass.
     */
    void ping() throws RedisUnavailableException {
        try {
            redis.ping();
            Scripts.INVALIDATE.load(redis);
        } catch (JedisConnectionException e) {
            throw unavailable(e);
        } catch (JedisException e) {
            throw new RedisUnavailableException("Redis refused: " + e.getMessage(), e);
        }
    }

    private static RedisUnavailableException unavailable(JedisConnectionException e) {
        return new RedisUnavailableException("Redis is unavailable: " + e.getMessage(), e);
    }

    /** The events of one poll batch on their way through one pipeline. Used by one thread. */
    final class Round implements AutoCloseable {
        private final String token;
        private final List<RouteChangedEvent> events = new ArrayList<>();
        private final List<Response<Object>> responses = new ArrayList<>();
        /** Opened with the first chunk: a batch of malformed records only needs no Redis at all. */
        private Pipeline pipeline;
        private int sent;

        private Round(String token) {
            this.token = token;
        }

        void add(RouteChangedEvent event) throws RedisUnavailableException {
            events.add(event);
            if (events.size() - sent == CHUNK) {
                send();
            }
        }

        /**
         * Waits for every answer. One result per event: {@link Outcome#DELETED}, {@link Outcome#ABSENT},
         * {@link Outcome#DUPLICATE} or null with the error message in {@code errors} at the same index;
         * for a duplicate, when the round has a token, {@code remembered} holds what its id was remembered with.
         */
        Result finish() throws RedisUnavailableException {
            if (events.isEmpty()) {
                return new Result(List.of(), List.of(), List.of());
            }
            try {
                send();
                pipeline.sync();
                try {
                    return results(responses, events.size());
                } catch (JedisNoScriptException e) {
                    // Redis restarted and lost its script cache: the chunks it refused go again (a chunk that did
                    // run keeps its answers)
                    Scripts.INVALIDATE.load(redis);
                    try (Pipeline again = redis.pipelined()) {
                        List<Response<Object>> answers = new ArrayList<>(responses);
                        for (int c = 0; c < answers.size(); c++) {
                            if (!answered(answers.get(c))) {
                                int from = c * CHUNK;
                                answers.set(c, call(again, events.subList(from, Math.min(events.size(), from + CHUNK)),
                                        token));
                            }
                        }
                        again.sync();
                        return results(answers, events.size());
                    }
                }
            } catch (JedisConnectionException e) {
                throw unavailable(e);
            } catch (JedisException e) {
                // Redis refused a whole script call (busy, loading, an ACL): held back and retried as in results()
                throw new RedisUnavailableException("Redis refused the invalidation: " + e.getMessage(), e);
            }
        }

        private void send() throws RedisUnavailableException {
            if (sent == events.size()) {
                return;
            }
            try {
                if (pipeline == null) {
                    pipeline = redis.pipelined();
                }
                responses.add(call(pipeline, events.subList(sent, events.size()), token));
                sent = events.size();
            } catch (JedisConnectionException e) {
                throw unavailable(e);
            } catch (JedisException e) {
                // opening the pipeline may open a connection, whose AUTH or SELECT Redis can refuse (a changed
                // password, BUSY): held back and retried, as finish() does, not the consumer's end
                throw new RedisUnavailableException("Redis refused the invalidation: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            if (pipeline == null) {
                return;
            }
            try {
                pipeline.close();
            } catch (JedisConnectionException e) {
                // the round already failed and said so; the broken connection is dropped from the pool
            }
        }
    }

    /** Whether Redis ran the script call (its refusal, or a lost script, is not an answer). */
    private static boolean answered(Response<Object> response) {
        try {
            response.get();
            return true;
        } catch (JedisException e) {
            return false;
        }
    }

    private Response<Object> call(Pipeline p, List<RouteChangedEvent> chunk, String token) {
        List<String> keys = new ArrayList<>(chunk.size() * 3);
        List<String> args = new ArrayList<>(chunk.size() * 2 + 3);
        args.add(dedupeTtlMs);
        args.add(markerTtlMs);
        args.add(token);
        for (RouteChangedEvent e : chunk) {
            String eventKey = e.key();
            keys.add(CacheKeys.seen(e.eventId()));
            keys.add(CacheKeys.route(eventKey));
            keys.add(CacheKeys.marker(eventKey));
            args.add(e.revision() == null ? "" : e.revision().toString());
            args.add(e.eventId().toString());
        }
        return p.evalsha(Scripts.INVALIDATE.sha(), keys, args);
    }

    /**
     * The outcomes of a round's answers. A refusal that names the key (WRONGTYPE: the key holds
     * something else) is that event's error, counted and skipped, since no retry can change it. Any
     * other refusal is Redis's state (out of memory, a read-only replica after a failover, an ACL):
     * the batch is held back and retried like an outage, so no event is skipped because of it.
     */
    private static Result results(List<Response<Object>> responses, int events) throws RedisUnavailableException {
        List<Outcome> outcomes = new ArrayList<>(events);
        List<String> errors = new ArrayList<>(events);
        List<String> remembered = new ArrayList<>(events);
        for (Response<Object> r : responses) {
            for (Object code : (List<?>) r.get()) { // NOSCRIPT surfaces here, from the first chunk
                if (code instanceof Long c) {
                    outcomes.add(c == Scripts.DELETED ? Outcome.DELETED : c == Scripts.ABSENT ? Outcome.ABSENT
                            : Outcome.DUPLICATE);
                    remembered.add(null);
                    errors.add(null);
                    continue;
                }
                if (code instanceof List<?> duplicate) { // {2, what the id was remembered with}
                    outcomes.add(Outcome.DUPLICATE);
                    remembered.add(text(duplicate.get(1)));
                    errors.add(null);
                    continue;
                }
                String refusal = String.valueOf(text(code));
                if (!refusal.startsWith("WRONGTYPE")) {
                    throw new RedisUnavailableException("Redis refused the invalidation: " + refusal, null);
                }
                outcomes.add(null);
                errors.add(refusal);
                remembered.add(null);
            }
        }
        return new Result(outcomes, errors, remembered);
    }

    /** A reply's text: Jedis decodes a script's replies, nested ones too, to strings, or leaves them bytes. */
    private static String text(Object reply) {
        return reply instanceof byte[] b ? SafeEncoder.encode(b) : reply == null ? null : reply.toString();
    }

    /**
     * Outcomes per event, in order; an outcome is null where {@code errors} holds Redis's refusal. For a
     * duplicate of a round with a token, {@code remembered} holds what its id was remembered with (a
     * round's token, then 1 or 0: whether that round found the key), null elsewhere.
     */
    record Result(List<Outcome> outcomes, List<String> errors, List<String> remembered) {
    }
}
