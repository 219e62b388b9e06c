package com.trafficmanager.console.connect;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns the results of periodic checks of one server into a status: a server that answered once and
 * then fails is RECONNECTING for a few checks (a blip, a restart) before it is DOWN; one that never
 * answered is DOWN after the same number of failures. Pure logic, so the rules are unit-tested.
 */
public final class HealthTracker {
    /** Consecutive failures after which a server counts as down. */
    static final int FAILURES_UNTIL_DOWN = 3;

    private final String server;
    private ServerHealth current;
    private int consecutiveFailures;
    private boolean everConnected;

    public HealthTracker(String server, Instant now) {
        this.server = server;
        this.current = ServerHealth.connecting(server, now);
    }

    public ServerHealth current() {
        return current;
    }

    public ServerHealth success(Instant now) {
        consecutiveFailures = 0;
        everConnected = true;
        if (current.status() != ServerHealth.Status.CONNECTED) {
            current = new ServerHealth(server, ServerHealth.Status.CONNECTED, Optional.empty(), now);
        }
        return current;
    }

    public ServerHealth failure(String reason, Instant now) {
        consecutiveFailures++;
        ServerHealth.Status next;
        if (consecutiveFailures >= FAILURES_UNTIL_DOWN) {
            next = ServerHealth.Status.DOWN;
        } else if (everConnected) {
            next = ServerHealth.Status.RECONNECTING;
        } else {
            next = ServerHealth.Status.CONNECTING;
        }
        Instant since = next == current.status() ? current.since() : now;
        current = new ServerHealth(server, next, Optional.of(reason), since);
        return current;
    }
}
