package com.trafficmanager.console.connect;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis answers PING. A refusal is explained by the profile setting behind it (see
 * {@link RedisSettingsErrors}) when the probe knows the profile.
 */
public final class RedisProbe implements ServerProbe {
    private final UnifiedJedis redis;
    private final ConnectionTarget target;

    public RedisProbe(UnifiedJedis redis) {
        this(redis, null);
    }

    public RedisProbe(UnifiedJedis redis, ConnectionTarget target) {
        this.redis = redis;
        this.target = target;
    }

    @Override
    public String server() {
        return "Redis";
    }

    @Override
    public void check() {
        String reply;
        try {
            reply = redis.ping();
        } catch (JedisException e) {
            if (target == null || target.sandbox()) {
                throw e;
            }
            throw new IllegalStateException(RedisSettingsErrors.describe(target.profileName(), target.redisUri(),
                    target.redisUser(), e).getMessage(), e);
        }
        if (!"PONG".equals(reply)) {
            throw new IllegalStateException("PING answered " + reply);
        }
    }
}
