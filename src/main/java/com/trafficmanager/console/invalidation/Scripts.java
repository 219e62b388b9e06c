package com.trafficmanager.console.invalidation;

/**
 * The two Lua scripts that keep the cache true to the database. Each runs atomically in Redis, which is
 * the whole point: no other client's command lands between its reads and its writes.
 *
 * <p><b>invalidate</b> (a chunk of events, in record order; each event is the same step as if it ran
 * alone, and the chunk as a whole is atomic too): per event, KEYS = seen key, route key, marker key;
 * ARGV = dedupe TTL ms, marker TTL ms, the round's token ('' for none), then per event the revision (''
 * when the event has none) and the event id. For each event: reads the marker first (the one read Redis
 * can refuse: a refused event only has its key deleted, its id is not remembered); remembers the event
 * id with {@code SET NX PX}, its value the round's token and whether the route key was there (0 or 1);
 * if the id was already there the event is a duplicate and nothing else happens: 2, or, when the round
 * has a token, {2, what the id was remembered with}, so the consumer can tell a round that broke off
 * after running the event (see RetriedEvents) from a redelivery. Otherwise deletes the route key (1 if
 * it existed, 0 if not) and leaves the marker: the highest revision invalidated so far, or {@code ?<event id>} for an
 * event without a revision (a writer that does not set it), which a fill can only match by having seen
 * that exact marker before its database read. Returns one code per event, or Redis's refusal for that
 * event as a string (a key of the wrong type, or out of memory); one event's refusal does not stop the
 * others (BatchInvalidator decides which refusals hold the whole batch back). The id is remembered
 * before the key is deleted because the first write of a script is the one Redis checks against
 * maxmemory: out of memory refuses the event before it changed anything. A chunk instead of one script
 * call per event: the per-call overhead in Redis was the larger part of the cost.
 *
 * <p><b>fill</b> (cache-aside refill): KEYS = route key, marker key; ARGV = value, row_version read,
 * marker seen before the database read ('' if none), value TTL ms. Writes the value only if no
 * invalidation passed after the read: a numeric marker must not be newer than the row version read
 * (an equal one is the very state that was read, so it is safe), a {@code ?} marker must be the one
 * seen before the read. Returns 1 when written, 0 when refused as stale.
 */
final class Scripts {
    static final int ABSENT = 0;
    static final int DELETED = 1;
    static final int DUPLICATE = 2;

    static final RedisScript INVALIDATE = new RedisScript("""
            local dedupeTtl, markerTtl, token = ARGV[1], ARGV[2], ARGV[3]
            local function invalidate(seen, route, marker, revision, eventId)
              -- the only call that can be refused (WRONGTYPE) comes before the id is remembered: a refused
              -- event (counted as an error and skipped) still has its key deleted, which no refusal can stop,
              -- so no stale value is served; its id is not remembered, so a redelivery does the whole step
              local rev = tonumber(revision)
              local current
              if rev then
                local ok, m = pcall(redis.call, 'GET', marker)
                if not ok then
                  redis.call('DEL', route)
                  error(m, 0)
                end
                current = tonumber(m)
              end
              local existed = redis.call('EXISTS', route)
              if not redis.call('SET', seen, token .. existed, 'NX', 'PX', dedupeTtl) then
                if token ~= '' then
                  local ok, first = pcall(redis.call, 'GET', seen)
                  if ok and first then
                    return {2, first}
                  end
                end
                return 2
              end
              redis.call('DEL', route)
              if rev then
                if current == nil or rev > current then
                  redis.call('SET', marker, revision, 'PX', markerTtl)
                else
                  redis.call('PEXPIRE', marker, markerTtl)
                end
              else
                redis.call('SET', marker, '?' .. eventId, 'PX', markerTtl)
              end
              return existed
            end
            local codes = {}
            for i = 1, #KEYS / 3 do
              local ok, code = pcall(invalidate, KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i], ARGV[2 * i + 2],
                                     ARGV[2 * i + 3])
              if ok then
                codes[i] = code
              else
                codes[i] = type(code) == 'table' and (code.err or 'error') or tostring(code)
              end
            end
            return codes
            """);

    static final RedisScript FILL = new RedisScript("""
            local m = redis.call('GET', KEYS[2])
            if m then
              local rev = tonumber(m)
              if rev then
                if tonumber(ARGV[2]) < rev then
                  return 0
                end
              elseif m ~= ARGV[3] then
                return 0
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[4])
            return 1
            """);

    private Scripts() {
    }
}
