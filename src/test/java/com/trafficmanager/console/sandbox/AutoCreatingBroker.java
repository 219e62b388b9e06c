package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A single-node broker of a test's own, in this JVM as the sandbox's is, that creates a topic a client
 * asks about ({@code auto.create.topics.enable}: Kafka's default, and on in many a cluster the console
 * meets), unlike the sandbox's. For tests that the console never has a topic created by asking.
 */
public final class AutoCreatingBroker implements AutoCloseable {
    private final KafkaServer server;

    public AutoCreatingBroker(Path dir) throws IOException, InterruptedException {
        server = new KafkaServer(dir, true);
        int port = PortAllocator.freePort();
        int controllerPort = PortAllocator.freePort();
        while (controllerPort == port) { // two free-port draws can meet
            controllerPort = PortAllocator.freePort();
        }
        server.start(port, controllerPort, SandboxOptions.DEFAULT_TOPIC, SandboxListener.NONE);
    }

    public String bootstrap() {
        return server.bootstrap();
    }

    @Override
    public void close() {
        server.stop();
    }
}
