package com.trafficmanager.console.connect;

import java.net.URI;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Builds the pooled Redis client of a session: TLS for {@code rediss://}, the ACL user and password
 * from the profile (never from the URI, where a password would end up in logs).
 */
public final class RedisClients {
    private RedisClients() {
    }

    public static JedisPooled create(ConnectionTarget target) {
        URI uri = URI.create(target.redisUri());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(3_000)
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("traffic-console");
        if (target.redisUser() != null && !target.redisUser().isBlank()) {
            config.user(target.redisUser());
        }
        if (target.redisPassword() != null && !target.redisPassword().isEmpty()) {
            config.password(target.redisPassword());
        }
        return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), config.build());
    }
}
