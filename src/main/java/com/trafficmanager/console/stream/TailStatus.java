package com.trafficmanager.console.stream;

import java.time.Instant;

/**
 * How the tail is doing, for the tab to show: not started, connecting, live, or Kafka unreachable
 * (with the reason and when the next attempt is), or stopped.
 */
public record TailStatus(State state, String message, Instant since) {

    public enum State { NOT_STARTED, CONNECTING, LIVE, UNREACHABLE, STOPPED }

    public static TailStatus of(State state, String message) {
        return new TailStatus(state, message, Instant.now());
    }

    public boolean isProblem() {
        return state == State.UNREACHABLE;
    }
}
