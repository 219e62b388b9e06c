package com.trafficmanager.console.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.trafficmanager.console.config.RedisAddress;
import com.trafficmanager.console.testing.TestSandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A session's Redis client waits a bounded time for a pooled connection: a caller that waited without
 * end could, for one, write a cache fill after the marker that should refuse it had expired. Over TLS it
 * checks that the server's certificate names the host.
 */
class RedisClientsTest {

    @Test
    void aCallWhenEveryPooledConnectionIsTakenFailsAfterTheWaitLimitInsteadOfWaitingForGood() {
        try (JedisPooled redis = RedisClients.create(TestSandbox.shared().endpoints().redisUri(), null, null)) {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < redis.getPool().getMaxTotal(); i++) {
                    held.add(redis.getPool().getResource());
                }
                assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                        assertThatThrownBy(() -> redis.get("any-key")).isInstanceOf(JedisException.class));
            } finally {
                held.forEach(Connection::close);
            }
            assertThat(redis.get("any-key")).as("answers again once a connection is free").isNull();
        }
    }

    @Test
    void aTlsConnectionChecksThatTheCertificateNamesTheHost() {
        JedisClientConfig tls = RedisClients.clientConfig(RedisAddress.of("rediss://cache.example:6380"), "u", "p");
        JedisClientConfig plain = RedisClients.clientConfig(RedisAddress.of("redis://cache.example:6379"), "u", "p");

        assertThat(tls.isSsl()).isTrue();
        assertThat(tls.getSslParameters()).as("TLS parameters").isNotNull();
        assertThat(tls.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(plain.isSsl()).isFalse();
    }
}
