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
 * @param stablePorts the default ports when they are free (an operator's sandbox: its psql and kcat
 *                 commands stay the same); false for a sandbox of tests or of the benchmark, which takes
 *                 any free ports, so that a console started beside it never gets its ports, nor it the
 *                 console's, when it stops and starts a server again on the same port
 */
public record SandboxOptions(Path dataDir, Path cacheDir, boolean fresh, String topic, boolean stablePorts) {
    public static final String DEFAULT_TOPIC = "route-events";

    public SandboxOptions(Path dataDir, Path cacheDir, boolean fresh, String topic) {
        this(dataDir, cacheDir, fresh, topic, true);
    }

    public SandboxOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(topic, "topic");
    }

    public SandboxOptions withTopic(String topic) {
        return new SandboxOptions(dataDir, cacheDir, fresh, topic, stablePorts);
    }

    public SandboxOptions withFresh(boolean fresh) {
        return new SandboxOptions(dataDir, cacheDir, fresh, topic, stablePorts);
    }

    /** Any free ports instead of the defaults (tests, benchmark). */
    public SandboxOptions withAnyFreePorts() {
        return new SandboxOptions(dataDir, cacheDir, fresh, topic, false);
    }
}
