package com.trafficmanager.console.route;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.outbox.OutboxEntry;
import com.trafficmanager.console.outbox.OutboxRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements of a route change inside {@link RouteService}'s transaction: lock a route and check
 * the row_version the operator saw, write the changed rows, and record a history entry and an outbox
 * row per change. Kept apart so the service reads as its operations: who may change what, in which
 * order, in one transaction.
 *
 * <p>Threads: none of its own, and no state; it runs on the service's caller's thread (a background
 * executor), on the connection of the transaction the service holds open.
 *
 * <p>Hazard: call it only inside that transaction (auto-commit off). A bulk change must lock all its
 * rows at once, in {@link RouteKey#LOCK_ORDER}, before {@link #checkVersion} (that is the caller's job).
 * A refusal thrown here must roll the whole transaction back, or what was written before it would stay.
 */
final class RouteWrites {
    private RouteWrites() {
    }

    record Change(Action action, Route before, Route after) {
        Route current() {
            return after != null ? after : before;
        }
    }

    static long nextRevision(Connection c, RouteKey key) throws SQLException {
        return RouteHistoryRepository.lastChange(c, key).map(last -> last.rowVersion() + 1).orElse(1L);
    }

    static Route lockOne(Connection c, VersionedKey vk) throws SQLException {
        return checkVersion(c, vk, RouteRepository.lockForUpdate(c, List.of(vk.key())).get(vk.key()));
    }

    /** The locked route if it exists at the version the operator saw; otherwise the refusal. */
    static Route checkVersion(Connection c, VersionedKey vk, Route found) throws SQLException {
        if (found == null) {
            Optional<RouteHistoryRepository.LastChange> last = RouteHistoryRepository.lastChange(c, vk.key());
            if (last.isPresent()) {
                // the row this statement waited for was deleted; the route may have been created again since
                Optional<Route> again = RouteRepository.find(c, vk.key());
                if (again.isPresent()) {
                    throw new RouteConflictException(vk.key(), vk.rowVersion(), again.get().rowVersion(),
                            again.get().updatedBy(), again.get().updatedAt());
                }
                if (Action.DELETED.wireName().equals(last.get().action())) {
                    throw new RouteConflictException(vk.key(), vk.rowVersion(), null, last.get().actor(),
                            last.get().at());
                }
            }
            throw new RouteNotFoundException(vk.key());
        }
        if (found.rowVersion() != vk.rowVersion()) {
            throw new RouteConflictException(vk.key(), vk.rowVersion(), found.rowVersion(), found.updatedBy(),
                    found.updatedAt());
        }
        return found;
    }

    static void writeUpdates(Connection c, List<Route> after) throws SQLException {
        int written = RouteRepository.update(c, after);
        if (written != after.size()) {
            // cannot happen while the rows are locked; refuse rather than commit a partial change
            throw new IllegalStateException("wrote " + written + " of " + after.size() + " locked routes");
        }
    }

    /** Writes the history entries and outbox rows of the changes; returns the results in change order. */
    static List<ChangeResult> record(Connection c, List<Change> changes, OperatorContext ctx, UUID requestId,
                                     Instant now) throws SQLException {
        List<RouteHistoryRepository.Row> history = new ArrayList<>(changes.size());
        List<OutboxEntry> outbox = new ArrayList<>(changes.size());
        List<UUID> eventIds = new ArrayList<>(changes.size());
        for (Change ch : changes) {
            UUID eventId = EventIds.next();
            eventIds.add(eventId);
            Route r = ch.current();
            long revision = ch.after != null ? ch.after.rowVersion() : ch.before.rowVersion() + 1;
            RouteKey k = r.key();
            RouteChangedEvent event = RouteChangedEvent.of(eventId, ch.action, k.tenant(), k.service(), k.env(),
                    k.version(), r.url(), now, ctx.userId(), requestId.toString(), revision);
            history.add(new RouteHistoryRepository.Row(k, ch.action, RouteSnapshots.toJson(ch.before),
                    RouteSnapshots.toJson(ch.after), revision, eventId));
            outbox.add(new OutboxEntry(eventId, event.key(), event.eventVersion(), EventCodec.encode(event)));
        }
        RouteHistoryRepository.insert(c, history, ctx.userId(), ctx.hostName(), requestId, now);
        Map<UUID, Long> outboxIds = OutboxRepository.insert(c, outbox);
        List<ChangeResult> results = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change ch = changes.get(i);
            RouteKey k = ch.current().key();
            results.add(new ChangeResult(ch.action, k, ch.before, ch.after, eventIds.get(i), requestId,
                    outboxIds.get(eventIds.get(i)), k.eventKey()));
        }
        return results;
    }
}
