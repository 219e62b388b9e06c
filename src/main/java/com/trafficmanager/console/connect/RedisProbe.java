package com.trafficmanager.console.connect;

import redis.clients.jedis.UnifiedJedis;

/** Redis answers PING. */
public final class RedisProbe implements ServerProbe {
    private final UnifiedJedis redis;

    public RedisProbe(UnifiedJedis redis) {
        this.redis = redis;
    }

    @Override
    public String server() {
        return "Redis";
    }

    @Override
    public void check() {
        String reply = redis.ping();
        if (!"PONG".equals(reply)) {
            throw new IllegalStateException("PING answered " + reply);
        }
    }
}
