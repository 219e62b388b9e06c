package com.trafficmanager.console.route;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.outbox.Backlog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a view current with routes changed by anyone (this console, another console, a script): polls
 * {@link RouteService#listRoutes(int)} (the first {@value #DEFAULT_MAX_ROUTES} by key) and the outbox
 * backlog on one background thread and reports only what changed since the last poll, so the UI thread
 * applies a small delta instead of the whole table.
 *
 * <p>Why polling: every console writes the same tables, and a read-only console runs no relay, so the
 * database is the one source every console can watch. A full list every two seconds costs a few
 * milliseconds even at 10,000 routes; the diff runs here, never on the UI thread.
 *
 * <p>Hazards: the listener is called on the watcher's thread; hand results to the UI with one
 * {@code Platform.runLater} per call. A failed poll is reported and retried at the next tick; the last
 * good snapshot stays, so a database outage does not empty the table.
 */
public final class RouteWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouteWatcher.class);

    /** How many routes the table holds at most: the first ones in key order. */
    public static final int DEFAULT_MAX_ROUTES = 100_000;

    /**
     * What changed: routes added or changed, keys removed; {@code initial} marks the first full load;
     * {@code truncated}: more routes exist than the watcher reads (it reads the first {@code limit} by key).
     */
    public record Delta(List<Route> upserts, List<RouteKey> removals, boolean initial, int total, boolean truncated,
                        int limit) {
        public Delta {
            upserts = List.copyOf(upserts);
            removals = List.copyOf(removals);
        }

        public Delta(List<Route> upserts, List<RouteKey> removals, boolean initial, int total) {
            this(upserts, removals, initial, total, false, DEFAULT_MAX_ROUTES);
        }

        public boolean empty() {
            return upserts.isEmpty() && removals.isEmpty() && !initial;
        }
    }

    /** Called on the watcher's thread; must return quickly and not throw. */
    public interface Listener {
        void routesChanged(Delta delta);

        default void backlog(Backlog backlog) {
        }

        default void failed(String message) {
        }
    }

    private final RouteService service;
    private final Duration interval;
    private final boolean watchBacklog;
    private final Listener listener;
    private final int maxRoutes;
    private final ScheduledExecutorService executor;
    private Map<RouteKey, Route> last; // watcher thread only; null until the first successful poll
    private boolean lastTruncated; // watcher thread only
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean refreshQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    public RouteWatcher(RouteService service, Duration interval, boolean watchBacklog, Listener listener) {
        this(service, interval, watchBacklog, listener, DEFAULT_MAX_ROUTES);
    }

    /** @param maxRoutes the most routes read (the first ones by key): the table must stay bounded */
    public RouteWatcher(RouteService service, Duration interval, boolean watchBacklog, Listener listener,
                        int maxRoutes) {
        if (maxRoutes < 1) {
            throw new IllegalArgumentException("maxRoutes must be at least 1, got " + maxRoutes);
        }
        this.maxRoutes = maxRoutes;
        this.service = Objects.requireNonNull(service, "service");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.watchBacklog = watchBacklog;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("route-watcher"));
    }

    /** Polls now, then every interval. */
    public void start() {
        executor.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls as soon as the watcher's thread is free (after an action, on "Reload"). Never blocks. */
    public void refreshNow() {
        if (closed || !refreshQueued.compareAndSet(false, true)) {
            return; // one queued refresh reads everything a second one would (F5 held down, many actions at once)
        }
        try {
            executor.execute(() -> {
                refreshQueued.set(false);
                poll();
            });
        } catch (RejectedExecutionException e) {
            refreshQueued.set(false);
            LOG.debug("refresh after close ignored");
        }
    }

    private void poll() {
        if (closed) {
            return;
        }
        try {
            List<Route> routes = service.listRoutes(maxRoutes + 1); // one more tells whether more exist
            boolean truncated = routes.size() > maxRoutes;
            if (truncated) {
                routes = routes.subList(0, maxRoutes);
            }
            boolean initial = last == null;
            Map<RouteKey, Route> previous = initial ? Map.of() : last;
            Delta delta = diff(previous, routes, initial, truncated, maxRoutes);
            Map<RouteKey, Route> now = new HashMap<>(routes.size() * 2);
            routes.forEach(r -> now.put(r.key(), r));
            last = now;
            if (!delta.empty() || truncated != lastTruncated) {
                listener.routesChanged(delta);
            }
            lastTruncated = truncated;
            if (watchBacklog) {
                listener.backlog(service.backlog());
            }
        } catch (RuntimeException e) {
            LOG.debug("route poll failed: {}", e.toString());
            listener.failed(e.getMessage());
        }
    }

    /** The routes added or changed in {@code current} and the keys gone from it, relative to {@code previous}. */
    static Delta diff(Map<RouteKey, Route> previous, List<Route> current, boolean initial, boolean truncated,
                      int limit) {
        List<Route> upserts = new ArrayList<>();
        Map<RouteKey, Boolean> seen = new HashMap<>(current.size() * 2);
        for (Route r : current) {
            seen.put(r.key(), Boolean.TRUE);
            if (!r.equals(previous.get(r.key()))) {
                upserts.add(r);
            }
        }
        List<RouteKey> removals = new ArrayList<>();
        for (RouteKey k : previous.keySet()) {
            if (!seen.containsKey(k)) {
                removals.add(k);
            }
        }
        return new Delta(upserts, removals, initial, current.size(), truncated, limit);
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
