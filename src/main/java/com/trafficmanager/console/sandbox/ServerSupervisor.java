package com.trafficmanager.console.sandbox;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a sandbox server again when it dies on its own (killed, out of memory, a crash), on the same
 * port and data, so a console left running overnight heals itself; the clients only see an outage,
 * which they already show and retry. Attempts back off from 1 s to 30 s and go on until one works or
 * the sandbox closes.
 *
 * <p>A server stopped on purpose (a drill's "Redis outage", an outage test) is held: it is neither
 * restarted nor does a restart already waiting start it behind the drill's back.
 */
final class ServerSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSupervisor.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    /** How a server is started again on its port; throws when it did not come up. */
    interface Restart {
        void run() throws Exception;
    }

    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("sandbox-supervisor"));
    private final Map<String, Watched> servers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Watched {
        final String name;
        final ManagedProcess process;
        final Restart restart;
        boolean pending;
        boolean held;
        /** Counts holds: a restart scheduled before one must not run after it, even once released. */
        int holds;
        Duration retry = FIRST_RETRY;
        int restarts;

        Watched(String name, ManagedProcess process, Restart restart) {
            this.name = name;
            this.process = process;
            this.restart = restart;
        }
    }

    /** From now on an exit of {@code process} that nobody asked for starts the server again with {@code restart}. */
    void watch(String name, ManagedProcess process, Restart restart) {
        Watched w = new Watched(name, process, restart);
        servers.put(name, w);
        process.onCrash(code -> crashed(w, code));
    }

    /** The server is about to be stopped on purpose: no restart until {@link #release}. */
    synchronized void hold(String name) {
        Watched w = servers.get(name);
        if (w != null) {
            w.held = true;
            w.holds++;
            w.pending = false;
        }
    }

    /** The server was started again on purpose; a later crash is restarted again. */
    synchronized void release(String name) {
        Watched w = servers.get(name);
        if (w != null) {
            w.held = false;
        }
    }

    /** How many times {@code name} was started again after dying (for the log and tests). */
    synchronized int restarts(String name) {
        Watched w = servers.get(name);
        return w == null ? 0 : w.restarts;
    }

    private synchronized void crashed(Watched w, int exitCode) {
        if (closed || w.held || w.pending) {
            return; // a restart already waiting, or under way, covers this exit too
        }
        w.pending = true;
        w.retry = FIRST_RETRY;
        LOG.warn("{} exited unexpectedly (exit code {}); starting it again in {} s. Its log ends: {}", w.name,
                exitCode, w.retry.toSeconds(), w.process.logTail(5));
        schedule(w, w.holds);
    }

    private void schedule(Watched w, int holds) {
        if (!closed) {
            timer.schedule(() -> attempt(w, holds), w.retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One try, under the lock: a drill's hold waits for it to end instead of stopping a server that is
     * half started (a try takes at most the server's start timeout).
     */
    private synchronized void attempt(Watched w, int holds) {
        if (closed || w.held || w.holds != holds) {
            return; // stopped and perhaps started again on purpose since: that start is the one that counts
        }
        try {
            w.restart.run();
            if (w.process.isAlive()) {
                w.pending = false;
                w.restarts++;
                LOG.info("{} started again and serving", w.name);
                return;
            }
            throw new IllegalStateException("it exited again at once");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            w.process.kill(); // a try that timed out may have left it half started on the port
            Duration next = w.retry.multipliedBy(2);
            w.retry = next.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : next;
            LOG.warn("{} did not start again ({}); next try in {} s", w.name, e.getMessage(), w.retry.toSeconds());
            schedule(w, holds);
        }
    }

    /** No more restarts; the sandbox is stopping its servers. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow(); // interrupts a try under way; waited for, so it cannot start a server after this
        try {
            if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a restart under way did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
