package com.trafficmanager.console.invalidation;

/**
 * The two Lua scripts that keep the cache true to the database. Each runs atomically in Redis, which is
 * the whole point: no other client's command lands between its reads and its writes.
 *
 * <p><b>invalidate</b> (one per event): KEYS = seen key, route key, marker key; ARGV = dedupe TTL ms,
 * revision ('' when the event has none), marker TTL ms, event id. Remembers the event id with
 * {@code SET NX PX}; if it was already there the event is a duplicate and nothing else happens (returns
 * 2). Otherwise deletes the route key (returns 1 if it existed, 0 if not) and leaves the marker: the
 * highest revision invalidated so far, or {@code ?<event id>} for an event without a revision (V1
 * writers), which a fill can only match by having seen that exact marker before its database read.
 *
 * <p><b>fill</b> (cache-aside refill): KEYS = route key, marker key; ARGV = value, row_version read,
 * marker seen before the database read ('' if none), value TTL ms. Writes the value only if no
 * invalidation passed after the read: a numeric marker must not be newer than the row version read
 * (an equal one is the very state that was read, so it is safe), a {@code ?} marker must be the one
 * seen before the read. Returns 1 when written, 0 when refused as stale.
 */
final class Scripts {
    static final int DUPLICATE = 2;
    static final int DELETED = 1;
    static final int ABSENT = 0;

    static final RedisScript INVALIDATE = new RedisScript("""
            if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
              return 2
            end
            local deleted = redis.call('DEL', KEYS[2])
            local rev = tonumber(ARGV[2])
            if rev then
              local current = tonumber(redis.call('GET', KEYS[3]))
              if current == nil or rev > current then
                redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
              else
                redis.call('PEXPIRE', KEYS[3], ARGV[3])
              end
            else
              redis.call('SET', KEYS[3], '?' .. ARGV[4], 'PX', ARGV[3])
            end
            return deleted
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
