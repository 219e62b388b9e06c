package com.trafficmanager.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafficmanager.console.route.HistoryEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * "Before -> after" of one history entry in words an auditor reads at a glance, from the entry's
 * snapshots ({@code {"url":..., "state":..., "row_version":...}}): only what changed, e.g.
 * {@code state: inactive -> active} or {@code url: https://a -> https://b}. Pure.
 */
public final class ChangeSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSummary() {
    }

    public static String of(HistoryEntry e) {
        return of(e.beforeJson(), e.afterJson());
    }

    static String of(String beforeJson, String afterJson) {
        JsonNode before = parse(beforeJson);
        JsonNode after = parse(afterJson);
        if (before == null && after == null) {
            return "";
        }
        if (before == null) {
            return "(none) -> " + text(after, "state") + ", url " + text(after, "url");
        }
        if (after == null) {
            return text(before, "state") + ", url " + text(before, "url") + " -> (deleted)";
        }
        List<String> changes = new ArrayList<>();
        for (String field : new String[] {"state", "url"}) {
            String b = text(before, field);
            String a = text(after, field);
            if (!b.equals(a)) {
                changes.add(field + ": " + b + " -> " + a);
            }
        }
        return changes.isEmpty() ? "no visible change" : String.join("; ", changes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "?" : value.asText();
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node == null || node.isNull() ? null : node;
        } catch (IOException e) {
            return JSON.createObjectNode().put("url", "(unreadable snapshot)");
        }
    }
}
