package com.trafficmanager.console.connect;

import java.time.Instant;
import java.util.Optional;

/**
 * What the status bar shows for one server.
 *
 * @param lastError the reason of the latest failed check, kept while reconnecting or down
 */
public record ServerHealth(String server, Status status, Optional<String> lastError, Instant since) {

    public enum Status { CONNECTING, CONNECTED, RECONNECTING, DOWN }

    public static ServerHealth connecting(String server, Instant now) {
        return new ServerHealth(server, Status.CONNECTING, Optional.empty(), now);
    }
}
