package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A Redis URI is read as the profile's validation reads it, not as java.net.URI would. */
class RedisAddressTest {

    @Test
    void aComposeStyleHostWithAnUnderscoreKeepsItsHostAndPort() {
        // java.net.URI gives host null and port -1 for this one, and a client built from that talks to localhost:6379
        assertThat(java.net.URI.create("redis://redis_cache:6380/2").getHost()).isNull();
        assertThat(RedisAddress.of("redis://redis_cache:6380/2")).isEqualTo(new RedisAddress(false, "redis_cache", 6380, 2));
    }

    @Test
    void tlsIpv6AndTheDefaultDatabase() {
        assertThat(RedisAddress.of("rediss://[::1]:6379")).isEqualTo(new RedisAddress(true, "::1", 6379, 0));
        assertThat(RedisAddress.of("redis://cache.internal:16379/")).isEqualTo(new RedisAddress(false, "cache.internal", 16379, 0));
    }

    @Test
    void anotherShapeIsRefusedWithTheRule() {
        assertThatThrownBy(() -> RedisAddress.of("http://cache:6379")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("redis uri must look like " + Rules.REDIS_URI_RULE);
        assertThatThrownBy(() -> RedisAddress.of("redis://cache")).isInstanceOf(IllegalArgumentException.class);
    }
}
