package com.trafficmanager.console.connect;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks PostgreSQL, Kafka and Redis periodically, each on its own thread with a timeout, so a server
 * that hangs never delays the others nor the UI. Publishes the statuses of all servers in one list per
 * round, so a UI makes one update per round.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final List<ServerProbe> probes;
    private final List<HealthTracker> trackers = new ArrayList<>();
    private final Duration interval;
    private final Duration timeout;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService checks;
    private volatile Consumer<List<ServerHealth>> listener = statuses -> { };

    public HealthMonitor(List<ServerProbe> probes, Duration interval, Duration timeout, Clock clock) {
        this.probes = List.copyOf(probes);
        this.interval = interval;
        this.timeout = timeout;
        this.clock = clock;
        probes.forEach(p -> trackers.add(new HealthTracker(p.server(), clock.instant())));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("health-monitor"));
        this.checks = Executors.newCachedThreadPool(DaemonThreads.named("health-check"));
    }

    public void onChange(Consumer<List<ServerHealth>> listener) {
        this.listener = listener;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }


    public synchronized List<ServerHealth> current() {
        return trackers.stream().map(HealthTracker::current).toList();
    }

    private void round() {
        List<Future<?>> running = new ArrayList<>();
        for (ServerProbe probe : probes) {
            running.add(checks.submit(() -> {
                probe.check();
                return null;
            }));
        }
        List<ServerHealth> snapshot = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < probes.size(); i++) {
                HealthTracker tracker = trackers.get(i);
                try {
                    running.get(i).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    tracker.success(clock.instant());
                } catch (TimeoutException e) {
                    running.get(i).cancel(true);
                    tracker.failure("no answer within " + timeout.toSeconds() + " s", clock.instant());
                } catch (java.util.concurrent.ExecutionException e) {
                    tracker.failure(reason(e.getCause()), clock.instant());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                snapshot.add(tracker.current());
            }
        }
        try {
            listener.accept(List.copyOf(snapshot));
        } catch (RuntimeException e) {
            LOG.warn("health listener failed", e);
        }
    }

    static String reason(Throwable t) {
        if (t instanceof IllegalStateException && t.getMessage() != null) {
            return t.getMessage(); // a probe's own sentence, already naming what failed
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        checks.shutdownNow();
    }

}
