package com.trafficmanager.console.ui.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.invalidation.CacheInspector;
import com.trafficmanager.console.invalidation.CacheResolver;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.testing.TestSandbox;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The cache inspector's view model with the background work held in a queue, so what shows while it
 * runs can be read: what runs, and no result of the request before it (which would read as current).
 */
class CacheInspectorModelTest {
    private final Queue<Runnable> background = new ArrayDeque<>();

    private CacheInspectorModel model(JedisPooled redis) {
        return new CacheInspectorModel(new CacheInspector(redis, List::of),
                new CacheResolver(redis, key -> Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(30)),
                background::add, Runnable::run);
    }

    /** Types team-a / {@code service} / prod / v1 into the inspector's route fields. */
    private static void showRoute(CacheInspectorModel m, String service) {
        m.tenantProperty().set("team-a");
        m.serviceProperty().set(service);
        m.envProperty().set("prod");
        m.versionProperty().set("v1");
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void whileALookUpRunsItSaysWhatRunsAndTheLastResultIsGone() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            CacheInspectorModel m = model(redis);
            showRoute(m, "accounts");
            m.lookUp();
            runBackground();
            assertThat(m.resultProperty().get()).contains("route:team-a:accounts:prod:v1");

            showRoute(m, "billing");
            m.lookUp();
            assertThat(m.busyProperty().get()).isTrue();
            assertThat(m.activityProperty().get()).isEqualTo("Looking up route:team-a:billing:prod:v1...");
            assertThat(m.resultProperty().get()).as("the previous key's result").isEmpty();
            runBackground();
            assertThat(m.busyProperty().get()).isFalse();
            assertThat(m.activityProperty().get()).isEmpty();
            assertThat(m.resultProperty().get()).contains("route:team-a:billing:prod:v1");
        }
    }

    @Test
    void aKeyPickedFromTheOldListWhileANewListingRunsDoesNotDropTheListing() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            String tenant = "inspect-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            redis.set("route:" + tenant + ":a:prod:v1", "{}");
            redis.set("route:" + tenant + ":b:prod:v1", "{}");
            try {
                CacheInspectorModel m = model(redis);
                m.patternProperty().set("route:" + tenant + ":*");
                m.scan();
                assertThat(m.listingProperty().get()).isTrue();
                m.lookUpKey("route:other:x:prod:v1"); // picked from the list still showing
                runBackground();
                assertThat(m.keys()).containsExactlyInAnyOrder("route:" + tenant + ":a:prod:v1",
                        "route:" + tenant + ":b:prod:v1");
                assertThat(m.resultProperty().get()).isEqualTo("2 key(s) match route:" + tenant + ":*");
                assertThat(m.listingProperty().get()).isFalse();
            } finally {
                redis.del("route:" + tenant + ":a:prod:v1", "route:" + tenant + ":b:prod:v1");
            }
        }
    }

    @Test
    void aFailureSaysSoAndLeavesNoOldResultBesideIt() throws Exception {
        Sandbox sandbox = TestSandbox.shared();
        try (JedisPooled redis = new JedisPooled(URI.create(sandbox.endpoints().redisUri()))) {
            CacheInspectorModel m = model(redis);
            showRoute(m, "accounts");
            m.lookUp();
            runBackground();
            assertThat(m.resultProperty().get()).isNotEmpty();
            try {
                sandbox.stopRedis();
                m.lookUp();
                runBackground();
            } finally {
                sandbox.startRedis();
            }
            assertThat(m.messageProperty().get()).startsWith("Redis or the database did not answer: ");
            assertThat(m.resultProperty().get()).as("the result from before Redis went away").isEmpty();
            assertThat(m.busyProperty().get()).isFalse();
            assertThat(m.activityProperty().get()).isEmpty();
        }
    }

    @Test
    void aListedKeyPickedIsLookedUpAndItsRouteFillsTheFields() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            CacheInspectorModel m = model(redis);
            redis.set("route:team-b:search:staging:v3", "{}");
            try {
                m.lookUpKey("route:team-b:search:staging:v3");
                runBackground();
                assertThat(List.of(m.tenantProperty().get(), m.serviceProperty().get(), m.envProperty().get(),
                        m.versionProperty().get())).containsExactly("team-b", "search", "staging", "v3");
                assertThat(m.resultProperty().get()).contains("key: route:team-b:search:staging:v3", "value: {}");
                assertThat(m.messageProperty().get()).isEmpty();

                m.lookUpKey("route:team-b:search");
                assertThat(m.messageProperty().get())
                        .isEqualTo("key: route:team-b:search is not a route key (route:tenant:service:env:version)");
                assertThat(background).as("nothing looked up").isEmpty();
                assertThat(m.serviceProperty().get()).isEqualTo("search");
            } finally {
                redis.del("route:team-b:search:staging:v3");
            }
        }
    }

    @Test
    void anUnexpectedErrorFreesTheButtonsAndIsShownThenGoesOnUp() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            CacheInspectorModel m = new CacheInspectorModel(new CacheInspector(redis, () -> {
                throw new StackOverflowError("deep");
            }), new CacheResolver(redis, key -> Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(30)),
                    background::add, Runnable::run);
            m.verify();
            assertThat(m.busyProperty().get()).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(this::runBackground).isInstanceOf(StackOverflowError.class);
            assertThat(m.busyProperty().get()).as("the inspector's buttons work again").isFalse();
            assertThat(m.messageProperty().get()).isEqualTo("Failed: java.lang.StackOverflowError: deep");
        }
    }

    @Test
    void keysPickedOneAfterAnotherShowTheLastPickedWhateverOrderTheyFinishIn() {
        try (JedisPooled redis = new JedisPooled(URI.create(TestSandbox.shared().endpoints().redisUri()))) {
            CacheInspectorModel m = model(redis);
            m.lookUpKey("route:team-a:first:prod:v1");
            m.lookUpKey("route:team-a:second:prod:v1"); // arrowing down the list
            Runnable first = background.poll();
            background.poll().run(); // the second finishes first
            assertThat(m.busyProperty().get()).isFalse();
            first.run();
            assertThat(m.resultProperty().get()).as("the key picked last").contains("route:team-a:second:prod:v1")
                    .doesNotContain("first");
            assertThat(m.serviceProperty().get()).isEqualTo("second");
        }
    }
}
