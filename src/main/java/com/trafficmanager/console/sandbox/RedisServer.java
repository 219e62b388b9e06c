package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server (the binary bundled in the embedded-redis jar). Redis is a cache here: it keeps
 * nothing on disk ({@code save ""}, no AOF), so a restart starts empty, as a cache may.
 */
final class RedisServer {
    static final String NAME = "Redis";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path sandboxDir;
    private final BinaryCache binaries;
    private final ManagedProcess process;
    private Path executable;
    private int port;

    RedisServer(Path sandboxDir, BinaryCache binaries) {
        this.sandboxDir = sandboxDir;
        this.binaries = binaries;
        this.process = new ManagedProcess(NAME, sandboxDir.resolve("logs/redis.log"),
                sandboxDir.resolve("redis.console.pid"));
    }

    void start(int preferredPort, SandboxListener listener) throws IOException, InterruptedException {
        listener.onProgress(NAME, ServerState.STARTING, "unpacking binaries");
        String resource = binaryResource();
        executable = binaries.unpackExecutable(resource, resource.replace(".exe", ""));
        ManagedProcess.killStale(sandboxDir.resolve("redis.console.pid"), "redis-server", NAME);
        port = preferredPort;
        listener.onProgress(NAME, ServerState.STARTING, "starting on port " + port);
        port = PortRetry.start(NAME, port, process, listener, p -> {
            port = p;
            restart();
        });
    }

    void restart() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--protected-mode", "no",
                "--dir", Files.createDirectories(sandboxDir.resolve("redis")).toString()));
        process.start(command);
        awaitPong();
    }

    ManagedProcess process() {
        return process;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    void stop() {
        process.stop("TERM", Duration.ofSeconds(10));
    }

    private void awaitPong() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(1000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] reply = new byte[7];
                int n = socket.getInputStream().read(reply);
                if (n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(25);
        }
        throw new IOException("Redis did not answer PING on port " + port + ": "
                + (last == null ? "" : last.getMessage()) + "; log: " + process.logTail(8));
    }

    private static String binaryResource() {
        if (Platform.isWindows()) {
            return "redis-server-5.0.14.1-windows-amd64.exe";
        }
        if (Platform.isMac()) {
            return Platform.isArm64() ? "redis-server-6.2.6-v5-darwin-arm64" : "redis-server-6.2.6-v5-darwin-amd64";
        }
        return Platform.isArm64() ? "redis-server-6.2.7-linux-arm64" : "redis-server-6.2.6-v5-linux-amd64";
    }
}
