package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.WritePathFixture;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** "Verify cache against database" on the sandbox's Redis: what it reports is what still disagrees. */
class CacheInspectorTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static Route route(RouteKey key, long version) {
        return new Route(key, "https://" + key.service() + ".example.com/" + version, RouteState.ACTIVE, version, T0,
                "alice", T0.plusSeconds(version), "alice");
    }

    @Test
    void aRouteChangedAndRefilledWhileTheCacheWasReadIsNotReportedAndAStaleOneIs() {
        String tenant = WritePathFixture.uniqueTenant("verify");
        RouteKey changed = new RouteKey(tenant, "changed", "prod", "v1");
        RouteKey behind = new RouteKey(tenant, "behind", "prod", "v1");
        AtomicInteger reads = new AtomicInteger();
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            // the first read of the routes saw `changed` at 5; it went to 6 and the cache was refilled at 6
            redis.set(CacheKeys.route(changed), CachedRoute.of(route(changed, 6)).toJson());
            redis.set(CacheKeys.route(behind), CachedRoute.of(route(behind, 1)).toJson());
            CacheInspector inspector = new CacheInspector(redis, () -> reads.incrementAndGet() == 1
                    ? List.of(route(changed, 5), route(behind, 3))
                    : List.of(route(changed, 6), route(behind, 3)));
            try {
                VerifyReport report = inspector.verify();
                assertThat(report.stale()).contains(CacheKeys.route(behind)).doesNotContain(CacheKeys.route(changed));
                assertThat(reads.get()).isEqualTo(2);
            } finally {
                redis.del(CacheKeys.route(changed), CacheKeys.route(behind));
            }
        }
    }
}
