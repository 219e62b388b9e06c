package com.trafficmanager.console.connect;

import com.trafficmanager.console.config.RedisAddress;
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
        return create(target.redisUri(), target.redisUser(), target.redisPassword());
    }

    /**
     * @param user     the ACL user, or null/blank for the default user
     * @param password null or empty when the server needs none
     */
    public static JedisPooled create(String redisUri, String user, String password) {
        RedisAddress address = RedisAddress.of(redisUri);
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(3_000)
                .ssl(address.tls())
                .clientName("traffic-console");
        if (user != null && !user.isBlank()) {
            config.user(user);
        }
        if (password != null && !password.isEmpty()) {
            config.password(password);
        }
        config.database(address.database());
        return new JedisPooled(new HostAndPort(address.host(), address.port()), config.build());
    }
}
