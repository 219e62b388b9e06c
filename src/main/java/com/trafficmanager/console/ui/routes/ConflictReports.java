package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.HistoryEntry;
import com.trafficmanager.console.route.RouteConflictException;
import com.trafficmanager.console.route.RouteService;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the conflict dialog's facts: from the exception (who, when, which row_versions) and from the
 * route's history, every change made since the version the operator saw. Reads the database, so it
 * runs on a background thread; a failed history read still yields a report from the exception alone.
 */
final class ConflictReports {
    private static final int HISTORY_LOOKBACK = 20;

    private ConflictReports() {
    }

    static ConflictReport build(RouteService service, String attempted, RouteConflictException e) {
        List<String> changes = new ArrayList<>();
        try {
            List<HistoryEntry> history = service.history(e.key(), HISTORY_LOOKBACK);
            for (HistoryEntry h : history) {
                if (h.rowVersion() > e.expectedRowVersion()) {
                    changes.add(0, h.action() + " by '" + h.actor() + "' at "
                            + RouteFormats.time(h.occurredAt()) + ": " + HistoryDiff.describe(h.beforeJson(), h.afterJson()));
                }
            }
            long listed = e.foundRowVersion() == null ? 0 : e.foundRowVersion() - e.expectedRowVersion();
            if (changes.size() < listed && history.size() == HISTORY_LOOKBACK) {
                // more changes than the look-back holds: the oldest are not listed, and the report says so
                changes.add(0, "(" + (listed - changes.size()) + " earlier change(s) not listed: see the route's history)");
            }
        } catch (RuntimeException readFailed) {
            changes.add("(the route's history could not be read: " + readFailed.getMessage() + ")");
        }
        return new ConflictReport(e.key().toString(), attempted, e.getMessage(),
                e.lastChangedBy() == null ? "someone else" : e.lastChangedBy(), RouteFormats.time(e.lastChangedAt()),
                e.expectedRowVersion(), e.foundRowVersion(), changes);
    }
}
