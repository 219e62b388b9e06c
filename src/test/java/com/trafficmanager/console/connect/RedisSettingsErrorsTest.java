package com.trafficmanager.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** Redis refusals name the profile setting behind them. */
class RedisSettingsErrorsTest {
    @Test
    void mapsEachRefusalToItsSetting() {
        assertThat(RedisSettingsErrors.describe("p", "redis://c:6379", "console",
                new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled.")).getMessage())
                .startsWith("profile 'p': redis.user and its password (redis.passwordEnv or redis.passwordFile): the server refused");
        assertThat(RedisSettingsErrors.describe("p", "redis://c:6379", null,
                new JedisDataException("NOAUTH Authentication required.")).setting())
                .isEqualTo("redis.passwordEnv or redis.passwordFile");
        assertThat(RedisSettingsErrors.describe("p", "rediss://c:6380", null,
                new JedisConnectionException(new SSLHandshakeException("Remote host terminated the handshake"))).getMessage())
                .startsWith("profile 'p': redis.uri: TLS (rediss://) failed; use redis:// if the server has no TLS");
        assertThat(RedisSettingsErrors.describe("p", "redis://c:6379", null,
                new JedisConnectionException("Failed to connect to c:6379")).getMessage())
                .isEqualTo("profile 'p': redis.uri: cannot reach redis://c:6379 (Failed to connect to c:6379)");
    }
}
