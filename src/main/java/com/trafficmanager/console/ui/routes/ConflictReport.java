package com.trafficmanager.console.ui.routes;

import java.util.List;

/**
 * What the operator sees when their change lost a race: the route, who changed it and when, the
 * row_version they saw and the one stored, and each change since then in words ("activated by bob at
 * 10:02:03: state inactive -> active"). The dialog offers to reload.
 */
public record ConflictReport(String route, String attempted, String message, String changedBy, String changedAt,
                             long sawRowVersion, Long nowRowVersion, List<String> changes) {
    public ConflictReport {
        changes = List.copyOf(changes);
    }
}
