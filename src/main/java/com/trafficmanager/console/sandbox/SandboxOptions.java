package com.trafficmanager.console.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start the sandbox.
 *
 * @param dataDir  where PostgreSQL and Kafka keep their data between runs
 * @param cacheDir where the server binaries are unpacked (shared by all data directories)
 * @param fresh    wipe {@code dataDir} before starting
 * @param topic    the route events topic to create
 */
public record SandboxOptions(Path dataDir, Path cacheDir, boolean fresh, String topic) {
    public static final String DEFAULT_TOPIC = "route-events";

    public SandboxOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(topic, "topic");
    }

    public SandboxOptions withTopic(String topic) {
        return new SandboxOptions(dataDir, cacheDir, fresh, topic);
    }

    public SandboxOptions withFresh(boolean fresh) {
        return new SandboxOptions(dataDir, cacheDir, fresh, topic);
    }
}
