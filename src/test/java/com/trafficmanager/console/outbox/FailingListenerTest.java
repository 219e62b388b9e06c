package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A publish listener (the UI's or a test's code) that throws, even an Error such as a failed assertion,
 * is logged and ignored: the relay goes on publishing the changes after it.
 */
class FailingListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aListenerThrowingAnErrorDoesNotStopThePublishing() {
        String tenant = WritePathFixture.uniqueTenant("listener");
        OperatorContext alice = new OperatorContext("alice", "ws-1", false);
        AtomicInteger calls = new AtomicInteger();
        try (OutboxRelay relay = new OutboxRelay(WritePathFixture.database(), WritePathFixture.relayConfig())) {
            relay.addListener(events -> {
                if (calls.getAndIncrement() == 0) {
                    throw new AssertionError("a listener's own bug");
                }
            });
            relay.start();
            RouteService service = new RouteService(WritePathFixture.database().dataSource(), relay::wake);
            ChangeResult first = service.create(new RouteKey(tenant, "a", "prod", "v1"), "https://a.example.com", alice);
            Eventually.await("the first change published", WAIT, () -> service.publishState(first.eventId()).published());
            Eventually.await("the listener told (and failing)", WAIT, () -> calls.get() >= 1);
            ChangeResult second = service.create(new RouteKey(tenant, "b", "prod", "v1"), "https://b.example.com", alice);
            Eventually.await("the second change published after the listener failed", WAIT,
                    () -> service.publishState(second.eventId()).published());
            assertThat(relay.lastError()).isNull();
        }
    }
}
