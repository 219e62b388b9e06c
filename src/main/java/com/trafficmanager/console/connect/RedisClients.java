package com.trafficmanager.console.connect;

import com.trafficmanager.console.config.RedisAddress;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Builds the pooled Redis client of a session: TLS for {@code rediss://} (the certificate must name
 * the host), the ACL user and password from the profile (never from the URI, where a password would
 * end up in logs).
 */
public final class RedisClients {
    /**
     * How long a call waits for a pooled connection when all are in use, then fails (the pool's default
     * is to wait for good). Bounded so that a cache fill checked for age before it waits still writes well
     * within the revision marker's life (see CacheResolver), and a stuck caller shows as an error.
     */
    static final Duration POOL_WAIT = Duration.ofSeconds(5);

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
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxWait(POOL_WAIT);
        return new JedisPooled(new HostAndPort(address.host(), address.port()), clientConfig(address, user, password),
                pool);
    }

    static JedisClientConfig clientConfig(RedisAddress address, String user, String password) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2_000)
                .socketTimeoutMillis(3_000)
                .ssl(address.tls())
                .clientName("traffic-console");
        if (address.tls()) {
            // Jedis's TLS socket checks only that a trusted CA signed the certificate, not that it names the host:
            // any publicly trusted certificate would then get the password. HTTPS's rule checks the name.
            SSLParameters tls = new SSLParameters();
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            config.sslParameters(tls);
        }
        if (user != null && !user.isBlank()) {
            config.user(user);
        }
        if (password != null && !password.isEmpty()) {
            config.password(password);
        }
        config.database(address.database());
        return config.build();
    }
}
