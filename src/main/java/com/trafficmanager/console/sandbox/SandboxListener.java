package com.trafficmanager.console.sandbox;

/**
 * Receives start-up progress of the sandbox servers. Called from the sandbox's own threads; a UI
 * listener must hand the update over to its toolkit thread itself.
 */
@FunctionalInterface
public interface SandboxListener {
    SandboxListener NONE = (server, state, detail) -> { };

    /**
     * @param server {@code PostgreSQL}, {@code Kafka} or {@code Redis}
     * @param detail a short human sentence: what is happening now, or why it failed
     */
    void onProgress(String server, ServerState state, String detail);
}
