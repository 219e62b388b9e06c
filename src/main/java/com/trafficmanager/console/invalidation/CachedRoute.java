package com.trafficmanager.console.invalidation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.trafficmanager.console.route.Route;
import java.io.IOException;
import java.util.Optional;

/**
 * The value cached at {@code route:tenant:service:env:version}: what a reader of the cache needs to
 * route traffic, plus the row_version it was read at, so a fill can be checked against the revision
 * marker and the cache against the database. JSON: {@code {"url":..., "state":..., "row_version":...}}.
 */
public record CachedRoute(String url, String state, long rowVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CachedRoute of(Route route) {
        return new CachedRoute(route.url(), route.state().name().toLowerCase(java.util.Locale.ROOT), route.rowVersion());
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", url);
        node.put("state", state);
        node.put("row_version", rowVersion);
        return node.toString();
    }

    /** Empty when the text is not a value this console wrote (another writer's format, garbage). */
    public static Optional<CachedRoute> parse(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("url") || !n.hasNonNull("state") || !n.path("row_version").canConvertToLong()) {
                return Optional.empty();
            }
            return Optional.of(new CachedRoute(n.get("url").asText(), n.get("state").asText(), n.get("row_version").asLong()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when this value says what the route in the database says. */
    public boolean matches(Route route) {
        return equals(of(route));
    }
}
