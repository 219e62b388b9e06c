package com.trafficmanager.console.invalidation;

import java.util.OptionalLong;

/**
 * The consumer writes the wall-clock time of each offset commit into the commit's metadata, so
 * anyone reading the group's offsets through the Admin API (this console's lag evaluation, another
 * console) knows when the group last committed, as Burrow learns it from {@code __consumer_offsets}.
 * Offsets committed by other tools carry no such time; readers then fall back to when they saw the
 * offset change.
 */
public final class CommitMetadata {
    private static final String PREFIX = "tc-committed-at=";

    private CommitMetadata() {
    }

    static String at(long epochMillis) {
        return PREFIX + epochMillis;
    }

    public static OptionalLong committedAt(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
