package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.TestSandbox;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port that was free when probed but taken before the server bound it: the server starts on another
 * free port instead of failing (another console or test may start at the same moment).
 */
class PortConflictTest {
    @TempDir
    Path dir;

    @Test
    void recognisesBindFailuresOfEachServer() {
        assertThat(PortAllocator.isPortConflict(new IOException("Redis exited: Address already in use"))).isTrue();
        assertThat(PortAllocator.isPortConflict(new IOException("x", new BindException("bind")))).isTrue();
        assertThat(PortAllocator.isPortConflict(new IOException("LOG: could not bind IPv4 address"))).isTrue();
        assertThat(PortAllocator.isPortConflict(new RuntimeException(
                "Received a fatal error while waiting for all of the SocketServer Acceptors to be started"))).isTrue();
        assertThat(PortAllocator.isPortConflict(new IOException("initdb failed"))).isFalse();
    }

    @Test
    void kafkaMovesToFreePortsInsteadOfHaltingTheConsole() throws Exception {
        List<String> progress = new ArrayList<>();
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            KafkaServer kafka = new KafkaServer(dir);
            try {
                // the controller's port is taken: Kafka's fault handler would halt this JVM
                kafka.start(PortAllocator.freePort(), taken.getLocalPort(), "conflict-topic",
                        (server, state, detail) -> progress.add(detail));
                assertThat(progress).anyMatch(p -> p.startsWith("port taken meanwhile"));
                assertThat(kafka.bootstrap()).startsWith("127.0.0.1:");
            } finally {
                kafka.stop();
            }
        }
    }

    @Test
    void redisAndPostgresMoveToAFreePortWhenTheirsIsTaken() throws Exception {
        BinaryCache binaries = new BinaryCache(TestSandbox.cacheDir());
        List<String> progress = new ArrayList<>();
        SandboxListener listener = (server, state, detail) -> progress.add(server + ": " + detail);
        try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            RedisServer redis = new RedisServer(dir, binaries);
            PostgresServer postgres = new PostgresServer(dir, binaries);
            try {
                redis.start(port, listener);
                postgres.start(port, listener);
                assertThat(redis.port()).isNotEqualTo(port);
                assertThat(postgres.port()).isNotEqualTo(port);
                assertThat(progress).anyMatch(p -> p.startsWith("Redis: port taken meanwhile"))
                        .anyMatch(p -> p.startsWith("PostgreSQL: port taken meanwhile"));
            } finally {
                redis.stop();
                postgres.stop();
            }
        }
    }
}
