package com.trafficmanager.console.sandbox;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sandbox: real PostgreSQL, Kafka and Redis servers on loopback, started in parallel,
 * with their data in one directory.
 *
 * <p>One console at a time owns a data directory: a file lock is held for the sandbox's lifetime, so
 * a second console on the same directory fails at once with a message instead of corrupting it. The
 * lock dies with the process, so a crash leaves nothing stale behind.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    static final String LOCK_FILE = "console.lock";
    static final int DEFAULT_POSTGRES_PORT = 54329;
    static final int DEFAULT_KAFKA_PORT = 19092;
    static final int DEFAULT_CONTROLLER_PORT = 19093;
    static final int DEFAULT_REDIS_PORT = 16379;

    private final SandboxOptions options;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final RedisServer redis;
    private final ServerSupervisor supervisor = new ServerSupervisor();
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The data directory as entered in {@link #HELD_HERE}, removed on close. */
    private final Path heldDir;
    /** The data directories (real paths) a sandbox of this process holds the lock of. */
    private static final java.util.Set<Path> HELD_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private SandboxEndpoints endpoints;
    private volatile boolean closed;
    private final Thread stopOnExit = new Thread(this::close, "sandbox-stop-on-exit");
    private final Thread supervisorStopOnExit = new Thread(supervisor::close, "sandbox-supervisor-stop");

    private Sandbox(SandboxOptions options, FileChannel lockChannel, FileLock lock, Path heldDir) {
        this.options = options;
        BinaryCache binaries = new BinaryCache(options.cacheDir());
        this.postgres = new PostgresServer(options.dataDir(), binaries);
        this.kafka = new KafkaServer(options.dataDir());
        this.redis = new RedisServer(options.dataDir(), binaries);
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.heldDir = heldDir;
    }

    /**
     * Starts the three servers in parallel and returns once all serve. On failure every server that
     * did start is stopped again and the exception names the server that failed and why.
     */
    public static Sandbox start(SandboxOptions options, SandboxListener listener) throws SandboxException {
        Path dir = options.dataDir();
        Path held = null;
        FileChannel channel = null;
        boolean handedOver = false;
        try {
            // the lock first, and held through --fresh's wipe: a second console starting meanwhile finds
            // the directory in use instead of taking it over while this one deletes and refills it
            Files.createDirectories(dir);
            // The OS lock belongs to the process: a second channel on the file here could not lock it, and
            // closing that channel would release this process's lock. So a directory this process runs a
            // sandbox on is refused before any channel is opened.
            if (!HELD_HERE.add(dir.toRealPath())) {
                throw new SandboxException("Sandbox", "the sandbox data directory " + dir
                        + " is in use by this console already; close its session first or start with --data-dir DIR");
            }
            held = dir.toRealPath();
            if (options.fresh() && !Files.exists(dir.resolve(LOCK_FILE)) && !isEmpty(dir)) {
                // --fresh deletes what the directory holds: only ever a sandbox's (a mistyped --data-dir ~ or a
                // script's unset variable must not wipe a home directory)
                throw new SandboxException("Sandbox", "--fresh wipes only a sandbox data directory, and " + dir
                        + " holds other files (it has no " + LOCK_FILE + "); choose an empty or a sandbox directory"
                        + " with --data-dir DIR");
            }
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new SandboxException("Sandbox", "the sandbox data directory " + dir
                        + " is in use by another console; close it or start with --data-dir DIR");
            }
            if (options.fresh()) {
                wipeAllBut(dir, LOCK_FILE);
            }
            Files.createDirectories(dir.resolve("logs"));
            Sandbox sandbox = new Sandbox(options, channel, lock, held);
            handedOver = true; // its close() releases the lock and the directory, also when startAll fails
            // From here on a SIGTERM (or the JVM ending) stops whatever has started, even mid-start.
            Runtime.getRuntime().addShutdownHook(sandbox.stopOnExit);
            sandbox.startAll(listener);
            return sandbox;
        } catch (IOException e) {
            throw new SandboxException("Sandbox", "could not prepare " + dir + ": " + e.getMessage());
        } finally {
            if (!handedOver) {
                closeQuietly(channel);
                if (held != null) {
                    HELD_HERE.remove(held);
                }
            }
        }
    }

    private int port(int stableDefault) {
        return options.stablePorts() ? PortAllocator.preferredOrFree(stableDefault) : PortAllocator.freePort();
    }

    private void startAll(SandboxListener listener) throws SandboxException {
        ExecutorService pool = Executors.newFixedThreadPool(3, DaemonThreads.named("sandbox-start"));
        try {
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            starts.add(run(pool, PostgresServer.NAME, listener,
                    () -> postgres.start(port(DEFAULT_POSTGRES_PORT), listener)));
            starts.add(run(pool, KafkaServer.NAME, listener,
                    () -> {
                        int broker = port(DEFAULT_KAFKA_PORT);
                        int controller = port(DEFAULT_CONTROLLER_PORT);
                        while (controller == broker) { // two free-port draws can meet
                            controller = PortAllocator.freePort();
                        }
                        kafka.start(broker, controller, options.topic(), listener);
                    }));
            starts.add(run(pool, RedisServer.NAME, listener,
                    () -> redis.start(port(DEFAULT_REDIS_PORT), listener)));
            SandboxException failure = null;
            for (CompletableFuture<Void> start : starts) {
                try {
                    start.join();
                } catch (CompletionException e) {
                    if (failure == null && e.getCause() instanceof SandboxException se) {
                        failure = se;
                    } else if (failure == null) {
                        failure = new SandboxException("Sandbox", String.valueOf(e.getCause()));
                    }
                }
            }
            if (failure != null) {
                close();
                throw failure;
            }
            endpoints = new SandboxEndpoints(postgres.jdbcUrl(), postgres.clientRole(), kafka.bootstrap(),
                    redis.uri(), options.topic());
            endpoints.writeTo(options.dataDir());
            supervisor.watch(PostgresServer.NAME, postgres.process(), postgres::restart);
            supervisor.watch(RedisServer.NAME, redis.process(), redis::restart);
            // Ctrl-C in a terminal reaches the servers too (same process group) and they exit while the
            // console is still closing its clients: from the JVM's first moment of shutdown on, an exit is
            // no crash to repair
            Runtime.getRuntime().addShutdownHook(supervisorStopOnExit);
            LOG.info("sandbox serving: {}", endpoints.toJsonLine());
        } catch (IOException e) {
            close();
            throw new SandboxException("Sandbox", "could not write " + SandboxEndpoints.FILE_NAME + ": " + e.getMessage());
        } finally {
            pool.shutdown();
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> run(ExecutorService pool, String server, SandboxListener listener, Step step) {
        return CompletableFuture.runAsync(() -> {
            listener.onProgress(server, ServerState.STARTING, "starting");
            try {
                step.run();
                listener.onProgress(server, ServerState.SERVING, "serving");
            } catch (Exception | LinkageError e) {
                // LinkageError: a server's classes missing from the class path must fail with its name too.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String reason = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.error("{} did not start", server, e);
                listener.onProgress(server, ServerState.FAILED, reason);
                throw new CompletionException(new SandboxException(server, reason));
            }
        }, pool);
    }

    /**
     * The caller stops the sandbox itself on exit from now on, after its own clients (a console closes its
     * consumers first, so they leave their group cleanly instead of being found dead 45 s later). Until
     * this is called the sandbox's own shutdown hook stops it, also in the middle of starting.
     */
    public void handOverShutdown() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException jvmAlreadyStopping) {
            // the hook runs anyway; close() is idempotent
        }
    }

    public SandboxEndpoints endpoints() {
        return endpoints;
    }

    public Path dataDir() {
        return options.dataDir();
    }

    /** Stops the Kafka broker, keeping its port for {@link #startKafka} (outage tests and drills). */
    public void stopKafka() {
        kafka.stop();
    }

    public void startKafka() throws IOException, InterruptedException {
        kafka.restart();
    }

    /** Stops Redis on purpose (outage drills and tests): it stays down until {@link #startRedis}. */
    public void stopRedis() {
        supervisor.hold(RedisServer.NAME);
        redis.stop();
    }

    public void startRedis() throws IOException, InterruptedException {
        redis.restart();
        supervisor.release(RedisServer.NAME);
    }

    /** How many times a server died on its own and was started again ("PostgreSQL", "Redis"). */
    public int restartsAfterCrash(String server) {
        return supervisor.restarts(server);
    }


    /** Stops all three in parallel; safe to call twice (window close and shutdown hook both do). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        supervisor.close();
        if (Thread.currentThread() != supervisorStopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(supervisorStopOnExit); // not kept in memory after a close
            } catch (IllegalStateException jvmAlreadyStopping) {
                // the hook runs (or ran) anyway; the supervisor's close is idempotent
            }
        }
        postgres.process().retire(); // a start still under way on another thread starts nothing more
        redis.process().retire();
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException jvmAlreadyStopping) {
                // the hook runs (or ran) anyway; close() is idempotent
            }
        }
        CompletableFuture<Void> k = CompletableFuture.runAsync(() -> quietly("Kafka", kafka::stop));
        CompletableFuture<Void> p = CompletableFuture.runAsync(() -> quietly("PostgreSQL", postgres::stop));
        CompletableFuture<Void> r = CompletableFuture.runAsync(() -> quietly("Redis", redis::stop));
        CompletableFuture.allOf(k, p, r).join();
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("lock release", e);
        }
        closeQuietly(lockChannel);
        HELD_HERE.remove(heldDir);
        LOG.info("sandbox stopped");
    }

    private static void quietly(String name, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            LOG.warn("{} did not stop cleanly: {}", name, e.toString());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    /** Stops servers an earlier console left running here, then deletes everything in {@code dir} but {@code keep}. */
    private static void wipeAllBut(Path dir, String keep) throws IOException {
        ManagedProcess.killStale(dir.resolve("postgres.console.pid"), "postgres", PostgresServer.NAME);
        ManagedProcess.killStale(dir.resolve("redis.console.pid"), "redis-server", RedisServer.NAME);
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            for (Path child : children.toList()) {
                if (!child.getFileName().toString().equals(keep)) {
                    FileTrees.deleteRecursively(child);
                }
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
