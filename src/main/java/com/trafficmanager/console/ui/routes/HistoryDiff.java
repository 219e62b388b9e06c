package com.trafficmanager.console.ui.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.HistoryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a history entry's before/after snapshots into the "before -> after" words the history pane
 * and the conflict dialog show. Only the fields an operator cares about are compared (url, state);
 * bookkeeping (row_version, updated_by/at) is shown in its own columns. Pure.
 */
final class HistoryDiff {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] FIELDS = {"url", "state"};

    private HistoryDiff() {
    }

    /** E.g. {@code state: inactive -> active}; for a create {@code url: (none) -> https://...}. */
    static String describe(String beforeJson, String afterJson) {
        JsonNode before = parse(beforeJson);
        JsonNode after = parse(afterJson);
        List<String> parts = new ArrayList<>();
        for (String field : FIELDS) {
            String b = text(before, field);
            String a = text(after, field);
            if (!b.equals(a)) {
                parts.add(field + ": " + (b.isEmpty() ? "(none)" : b) + " -> " + (a.isEmpty() ? "(none)" : a));
            }
        }
        return parts.isEmpty() ? "(no change)" : String.join("; ", parts);
    }

    static HistoryRow row(HistoryEntry e) {
        return new HistoryRow(e.action(), describe(e.beforeJson(), e.afterJson()), e.actor(),
                RouteFormats.time(e.occurredAt()), e.eventId().toString(), published(e.publishState()));
    }

    static String published(PublishState state) {
        if (state == null) {
            return "";
        }
        return switch (state.status()) {
            case PUBLISHED -> state.describe();
            case PENDING -> state.attempts() == 0 ? "pending" : "pending (" + state.attempts() + " failed attempts)";
            case UNKNOWN -> "published (outbox row pruned)";
        };
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return "";
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
