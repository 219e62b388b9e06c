package com.trafficmanager.console.invalidation;

import java.util.List;

/**
 * The cache compared with the database.
 *
 * @param checked  cached route keys looked at
 * @param stale    keys whose value differs from the route in the database (or is unreadable)
 * @param orphaned keys of routes that are not in the database
 * @param truncated true when there were more keys than the limit
 */
public record VerifyReport(int checked, List<String> stale, List<String> orphaned, boolean truncated) {
    public VerifyReport {
        stale = List.copyOf(stale);
        orphaned = List.copyOf(orphaned);
    }

    public boolean clean() {
        return stale.isEmpty() && orphaned.isEmpty();
    }
}
