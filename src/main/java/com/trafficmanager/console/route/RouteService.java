package com.trafficmanager.console.route;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.outbox.OutboxRepository;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.RouteWrites.Change;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way routes change, used alike by the UI, the benchmark and the tests. Each operation is one
 * transaction that locks the route rows, writes them, and writes a history entry and an outbox row per
 * route; after the commit it calls {@code afterCommit} (the relay's {@code wake}) so the event goes out
 * at once.
 *
 * <p>Every mutating call names the row_version the operator saw and the {@link OperatorContext}; the
 * order of refusals is: read-only profile, invalid input, missing route, stale row_version
 * ({@link RouteConflictException}), no-op, state rule. A refusal writes nothing. All methods block on
 * JDBC: call them from a background executor, never from the JavaFX thread. Thread-safe.
 *
 * <p>Hazard: a bulk action is all or nothing. One stale or no-op route among a hundred refuses the
 * whole request; the exception names that route. The statements run inside each transaction (lock,
 * version check, update, history and outbox rows) are in {@link RouteWrites}.
 */
public final class RouteService {
    private static final Logger LOG = LoggerFactory.getLogger(RouteService.class);
    public static final int DEFAULT_HISTORY_LIMIT = 500;

    private final DataSource dataSource;
    private final Runnable afterCommit;
    private final Clock clock;
    private final List<Consumer<List<ChangeResult>>> changeListeners = new CopyOnWriteArrayList<>();

    /**
     * @param afterCommit called on the caller's thread after every commit, typically
     *                    {@code relay::wake}; must not block
     */
    public RouteService(DataSource dataSource, Runnable afterCommit) {
        this(dataSource, afterCommit, Clock.systemUTC());
    }

    public RouteService(DataSource dataSource, Runnable afterCommit, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.afterCommit = afterCommit == null ? () -> { } : afterCommit;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Told of every committed change of this service, after commit, on the caller's thread (the change
     * trace follows them from here). Must not block; exceptions are logged and ignored.
     */
    public void addChangeListener(Consumer<List<ChangeResult>> listener) {
        changeListeners.add(listener);
    }

    // ---- writes -------------------------------------------------------------------------------------

    /** Creates an inactive route. */
    public ChangeResult create(RouteKey key, String url, OperatorContext ctx) {
        requireWritable(ctx, "create routes");
        RouteValidator.requireValid(RouteValidator.validateNewRoute(key.tenant(), key.service(), key.env(),
                key.version(), url));
        Instant now = now();
        UUID requestId = EventIds.next();
        ChangeResult result = inTransaction("create route " + key, c -> {
            // a route created again after a delete goes on from the delete's revision instead of starting
            // at 1 again: an operator who still sees the deleted route at version 1 gets a conflict, not a
            // write to a route they never saw, and the events' revisions keep rising for the cache marker
            long rowVersion = RouteWrites.nextRevision(c, key);
            Route created = new Route(key, url, RouteState.INACTIVE, rowVersion, now, ctx.userId(), now, ctx.userId());
            if (!RouteRepository.insert(c, created)) {
                Route existing = RouteRepository.find(c, key).orElseThrow(
                        () -> new IllegalStateException("route " + key + " conflicted on insert but is not there"));
                throw new RouteAlreadyExistsException(existing);
            }
            // the insert may have waited for a delete of this key to commit, whose history the read above
            // (an earlier statement) could not see: read again, so the route goes on from that delete's revision
            long after = RouteWrites.nextRevision(c, key);
            if (after > rowVersion) {
                RouteRepository.setInsertedRowVersion(c, key, after);
                created = new Route(key, url, RouteState.INACTIVE, after, now, ctx.userId(), now, ctx.userId());
            }
            return RouteWrites.record(c, List.of(new Change(Action.CREATED, null, created)), ctx, requestId, now)
                    .get(0);
        });
        return committed(result);
    }

    public ChangeResult activate(RouteKey key, long expectedRowVersion, OperatorContext ctx) {
        return single(bulkActivate(List.of(new VersionedKey(key, expectedRowVersion)), ctx));
    }

    public ChangeResult deactivate(RouteKey key, long expectedRowVersion, OperatorContext ctx) {
        return single(bulkDeactivate(List.of(new VersionedKey(key, expectedRowVersion)), ctx));
    }

    /** Activates every route in one transaction: all or nothing, one event per route, one request id. */
    public BulkResult bulkActivate(List<VersionedKey> routes, OperatorContext ctx) {
        return changeState(routes, RouteState.ACTIVE, Action.ACTIVATED, ctx);
    }

    public BulkResult bulkDeactivate(List<VersionedKey> routes, OperatorContext ctx) {
        return changeState(routes, RouteState.INACTIVE, Action.DEACTIVATED, ctx);
    }

    /** Points the route at a new URL (action {@code updated}); the state stays as it is. */
    public ChangeResult updateUrl(RouteKey key, String newUrl, long expectedRowVersion, OperatorContext ctx) {
        requireWritable(ctx, "change route URLs");
        List<FieldError> errors = RouteValidator.validateKey(key);
        RouteValidator.checkUrl(newUrl).ifPresent(errors::add);
        RouteValidator.requireValid(errors);
        Instant now = now();
        UUID requestId = EventIds.next();
        return committed(inTransaction("update the URL of route " + key, c -> {
            Route before = RouteWrites.lockOne(c, new VersionedKey(key, expectedRowVersion));
            if (before.url().equals(newUrl)) {
                throw new NoChangeException(key, Action.UPDATED, "already points to " + newUrl);
            }
            Route after = before.changedTo(newUrl, before.state(), now, ctx.userId());
            RouteWrites.writeUpdates(c, List.of(after));
            return RouteWrites.record(c, List.of(new Change(Action.UPDATED, before, after)), ctx, requestId, now)
                    .get(0);
        }));
    }

    /** Deletes an inactive route (deactivate it first); the event carries the last URL. */
    public ChangeResult delete(RouteKey key, long expectedRowVersion, OperatorContext ctx) {
        requireWritable(ctx, "delete routes");
        RouteValidator.requireValid(RouteValidator.validateKey(key));
        Instant now = now();
        UUID requestId = EventIds.next();
        return committed(inTransaction("delete route " + key, c -> {
            Route before = RouteWrites.lockOne(c, new VersionedKey(key, expectedRowVersion));
            if (before.active()) {
                throw new RouteStateException(key, "route " + key + " is active; deactivate it before deleting it");
            }
            if (!RouteRepository.delete(c, before)) {
                throw new IllegalStateException("locked route " + key + " could not be deleted");
            }
            return RouteWrites.record(c, List.of(new Change(Action.DELETED, before, null)), ctx, requestId, now).get(0);
        }));
    }

    // ---- reads --------------------------------------------------------------------------------------

    /** Every route, in key order. */
    public List<Route> listRoutes() {
        return read("list routes", RouteRepository::findAll);
    }

    /** The first {@code limit} routes in key order (tenant, service, env, version). */
    public List<Route> listRoutes(int limit) {
        return read("list routes", c -> RouteRepository.findFirst(c, limit));
    }

    public Optional<Route> find(RouteKey key) {
        return read("read route " + key, c -> RouteRepository.find(c, key));
    }

    /** The route's changes, newest first (at most {@value #DEFAULT_HISTORY_LIMIT}), with publish states. */
    public List<HistoryEntry> history(RouteKey key) {
        return history(key, DEFAULT_HISTORY_LIMIT);
    }

    public List<HistoryEntry> history(RouteKey key, int limit) {
        return read("read the history of route " + key, c -> RouteHistoryRepository.forRoute(c, key, limit));
    }

    /** Where the event stands: pending, published (partition, offset) or unknown (pruned). */
    public PublishState publishState(UUID eventId) {
        return read("read the publish state of event " + eventId,
                c -> OutboxRepository.publishStates(c, List.of(eventId), clock).get(eventId));
    }

    /** Where each of many events stands, in one statement; the publish times on this service's clock. */
    public Map<UUID, PublishState> publishStates(java.util.Collection<UUID> eventIds) {
        return read("read the publish state of " + eventIds.size() + " events",
                c -> OutboxRepository.publishStates(c, eventIds, clock));
    }

    /** The outbox backlog for the status bar: pending count, age of the oldest, last send error. */
    public Backlog backlog() {
        return read("read the outbox backlog", OutboxRepository::backlog);
    }

    // ---- internals ----------------------------------------------------------------------------------

    private BulkResult changeState(List<VersionedKey> routes, RouteState target, Action action, OperatorContext ctx) {
        String verb = target == RouteState.ACTIVE ? "activate" : "deactivate";
        requireWritable(ctx, verb + " routes");
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no routes given");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<RouteKey> seen = new HashSet<>();
        for (VersionedKey vk : routes) {
            errors.addAll(RouteValidator.validateKey(vk.key()));
            if (!seen.add(vk.key())) {
                throw new IllegalArgumentException("route " + vk.key() + " is listed twice");
            }
        }
        RouteValidator.requireValid(errors);
        List<VersionedKey> sorted = new ArrayList<>(routes);
        sorted.sort((a, b) -> RouteKey.LOCK_ORDER.compare(a.key(), b.key()));
        Instant now = now();
        UUID requestId = EventIds.next();
        String what = verb + " " + (routes.size() == 1 ? "route " + routes.get(0).key() : routes.size() + " routes");
        List<ChangeResult> results = inTransaction(what, c -> {
            Map<RouteKey, Route> locked = RouteRepository.lockForUpdate(c, sorted.stream().map(VersionedKey::key).toList());
            List<Change> changes = new ArrayList<>(sorted.size());
            for (VersionedKey vk : sorted) {
                Route before = RouteWrites.checkVersion(c, vk, locked.get(vk.key()));
                if (before.state() == target) {
                    throw new NoChangeException(vk.key(), action, "is already " + target.dbName());
                }
                changes.add(new Change(action, before, before.changedTo(before.url(), target, now, ctx.userId())));
            }
            RouteWrites.writeUpdates(c, changes.stream().map(Change::after).toList());
            return RouteWrites.record(c, changes, ctx, requestId, now);
        });
        afterCommit(results);
        return new BulkResult(requestId, results);
    }

    private static void requireWritable(OperatorContext ctx, String operation) {
        Objects.requireNonNull(ctx, "operator context");
        if (ctx.readOnly()) {
            throw new ReadOnlyException(ctx.userId(), operation);
        }
    }

    private Instant now() {
        // milliseconds: what the event's occurred_at carries, so history and event times are equal
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private ChangeResult committed(ChangeResult result) {
        afterCommit(List.of(result));
        return result;
    }

    private static ChangeResult single(BulkResult result) {
        return result.changes().get(0);
    }

    private void afterCommit(List<ChangeResult> results) {
        try {
            afterCommit.run();
        } catch (RuntimeException e) {
            // the change is committed; the relay's poll will publish it anyway
            LOG.warn("after-commit hook failed: {}", e.toString());
        }
        for (Consumer<List<ChangeResult>> listener : changeListeners) {
            try {
                listener.accept(results);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed: {}", e.toString());
            }
        }
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c);
                PermissionDeniedException denied = PermissionDeniedException.fromSql(e, c, what, true);
                if (denied != null) {
                    throw denied;
                }
                throw e;
            } catch (RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new RouteStorageException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            try {
                return work.run(c);
            } catch (SQLException e) {
                PermissionDeniedException denied = PermissionDeniedException.fromSql(e, c, what, false);
                if (denied != null) {
                    throw denied;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new RouteStorageException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
        }
    }
}
