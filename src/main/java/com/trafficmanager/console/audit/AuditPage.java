package com.trafficmanager.console.audit;

import com.trafficmanager.console.route.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * One page of the audit log, newest first.
 *
 * @param entries at most the filter's limit
 * @param more    whether older entries match too (then {@link #nextPage} continues below the last)
 */
public record AuditPage(List<HistoryEntry> entries, boolean more) {
    public AuditPage {
        entries = List.copyOf(entries);
    }

    /** The id below which the next page starts, when there is one. */
    public Optional<Long> nextPage() {
        return more && !entries.isEmpty() ? Optional.of(entries.get(entries.size() - 1).id()) : Optional.empty();
    }
}
