package com.trafficmanager.console.route;

import java.util.List;
import java.util.UUID;

/** A bulk action committed as one transaction: one change (and one event) per route, one request id. */
public record BulkResult(UUID requestId, List<ChangeResult> changes) {
    public BulkResult {
        changes = List.copyOf(changes);
    }

    public int size() {
        return changes.size();
    }
}
