package com.trafficmanager.console.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
 *
 * <p>Hazard: while this server is down another Redis (another console's sandbox) may take its port.
 * Readiness asks the server on the port for its process id, so a restart never takes that one for this.
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
        String last = "";
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try {
                long served = answeringPid();
                if (process.pid().orElse(-1L) == served) {
                    return;
                }
                // ours has not bound the port (yet): it exits with "Address already in use", which checkAlive reports
                last = "port " + port + " is served by another Redis (process " + served + ")";
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(25);
        }
        throw new IOException("Redis did not answer PING on port " + port + ": " + last + "; log: "
                + process.logTail(8));
    }

    /** The process id of the Redis answering PING on the port; fails when none answers. */
    private long answeringPid() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String pong = in.readLine();
            if (!"+PONG".equals(pong)) {
                throw new IOException("answered " + pong);
            }
            String size = in.readLine(); // INFO's bulk reply: $<length>, then lines up to an empty one
            for (String line = in.readLine(); size != null && size.startsWith("$") && line != null
                    && !line.isEmpty(); line = in.readLine()) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).strip());
                }
            }
            throw new IOException("INFO server named no process id");
        }
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
