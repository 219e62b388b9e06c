package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.audit.ChangeSummary;
import com.trafficmanager.console.route.HistoryEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line of the audit table: the history entry and its cells, formatted once when it arrives. */
public record AuditRow(HistoryEntry entry, String time, String actor, String action, String route, String change,
                       String host, String requestId, String eventId, String publish) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    static AuditRow of(HistoryEntry e, ZoneId zone) {
        return new AuditRow(e, TIME.format(e.occurredAt().atZone(zone)), e.actor(), e.action(),
                e.key().toString(), ChangeSummary.of(e), e.hostName() == null ? "" : e.hostName(),
                e.requestId().toString(), e.eventId().toString(), e.publishState().describe());
    }

    /** Every fact of the entry, for the details pane (selectable, so ids can be copied). */
    public String details() {
        return "time        " + time + " (" + entry.occurredAt() + ")\n"
                + "actor       " + actor + " on host " + host + "\n"
                + "action      " + action + " of " + route + ", revision " + entry.rowVersion() + "\n"
                + "change      " + change + "\n"
                + "request id  " + requestId + "\n"
                + "event id    " + eventId + "\n"
                + "kafka       " + publish + "\n"
                + "before      " + (entry.beforeJson() == null ? "(none)" : entry.beforeJson()) + "\n"
                + "after       " + (entry.afterJson() == null ? "(none)" : entry.afterJson());
    }
}
