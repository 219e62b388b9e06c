package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.NoChangeException;
import com.trafficmanager.console.route.ReadOnlyException;
import com.trafficmanager.console.route.RouteAlreadyExistsException;
import com.trafficmanager.console.route.RouteConflictException;
import com.trafficmanager.console.route.RouteNotFoundException;
import com.trafficmanager.console.route.RouteStateException;
import com.trafficmanager.console.route.RouteStorageException;
import com.trafficmanager.console.route.RouteValidationException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The words of the status line: what an action did, where its events went, and, when it failed, what
 * failed and what the operator can do about it. Pure, so every sentence is unit-tested.
 */
final class ActionMessages {
    private ActionMessages() {
    }

    /** "activated team-a/payments/prod/v2" or "deactivated 5 routes". */
    static String what(String verbPast, List<ChangeResult> changes) {
        return verbPast + " " + (changes.size() == 1 ? changes.get(0).key().toString() : changes.size() + " routes");
    }

    /** Right after the commit, before Kafka acknowledged: "... - event 9f2c1a3b... committed; publishing". */
    static String committed(String verbPast, List<ChangeResult> changes) {
        return what(verbPast, changes) + " - " + events(changes) + " committed; publishing";
    }

    /** Once every event is on the topic: "... - event 9f2c1a3b... on partition 3, offset 17". */
    static String published(String verbPast, List<ChangeResult> changes, Map<UUID, PublishState> states) {
        if (changes.size() == 1) {
            PublishState s = states.get(changes.get(0).eventId());
            return what(verbPast, changes) + " - event " + RouteFormats.shortId(changes.get(0).eventId())
                    + " on partition " + s.partition() + ", offset " + s.offset();
        }
        String partitions = states.values().stream().filter(PublishState::published).map(PublishState::partition)
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new)).stream()
                .map(String::valueOf).collect(Collectors.joining(", "));
        return what(verbPast, changes) + " - " + changes.size() + " events published on partition"
                + (partitions.contains(",") ? "s " : " ") + partitions;
    }

    /** Kafka has not taken the events yet: "... - committed; waiting to publish (backlog 12)". */
    static String waiting(String verbPast, List<ChangeResult> changes, Backlog backlog) {
        String count = backlog == null || backlog.pendingCount() < 0 ? "?" : String.valueOf(backlog.pendingCount());
        String error = backlog == null || backlog.lastError() == null ? "" : "; last send error: " + backlog.lastError();
        return what(verbPast, changes) + " - committed; waiting to publish (backlog " + count + ")" + error;
    }

    private static String events(List<ChangeResult> changes) {
        return changes.size() == 1 ? "event " + RouteFormats.shortId(changes.get(0).eventId())
                : changes.size() + " events";
    }

    /** What failed, in the service's words, and what the operator can do; nothing was written. */
    static StatusLine failure(String attempted, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof NoChangeException) {
            return StatusLine.info(message + "; nothing was changed");
        }
        if (e instanceof RouteConflictException) {
            return StatusLine.error("not " + attempted + ": " + message);
        }
        if (e instanceof RouteStorageException) {
            return StatusLine.error(message + ". Nothing was changed; check PostgreSQL in the status bar, then try "
                    + "again.");
        }
        if (e instanceof ReadOnlyException) {
            return StatusLine.error(message + ". Connect with a profile that allows changes.");
        }
        if (e instanceof RouteNotFoundException) {
            return StatusLine.error(message + ". The table is reloaded; nothing was changed.");
        }
        if (e instanceof RouteAlreadyExistsException) {
            return StatusLine.error(message + ". Choose another version, or change that route instead.");
        }
        if (e instanceof RouteStateException || e instanceof RouteValidationException) {
            return StatusLine.error(message + "; nothing was changed");
        }
        return StatusLine.error("could not " + attempted + ": " + message
                + ". Nothing was changed; the details are in the console log.");
    }
}
