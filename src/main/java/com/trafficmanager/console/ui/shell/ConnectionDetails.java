package com.trafficmanager.console.ui.shell;

import java.util.List;

/**
 * What the "Connection details" view lists: endpoint lines and copyable commands for psql, kcat and
 * redis-cli. Built from the sandbox endpoints or a profile; never holds a secret.
 */
public record ConnectionDetails(List<Entry> entries) {
    public record Entry(String label, String value) {
    }
}
