package com.trafficmanager.console.event;

import java.util.Optional;

/**
 * What happened to a route, with the {@code event_version} that introduced the action.
 *
 * <p>Compatibility hazard: {@code created}, {@code activated} and {@code deactivated} are the seed's
 * schema 1.0; {@code updated} and {@code deleted} came with 1.1. A 1.0-only reader that skips actions
 * it does not know keeps a stale cache entry after a URL change or a delete. Readers should invalidate
 * on ANY {@code route_changed} event, whatever the action.
 */
public enum Action {
    CREATED("created", "1.0"),
    ACTIVATED("activated", "1.0"),
    DEACTIVATED("deactivated", "1.0"),
    UPDATED("updated", "1.1"),
    DELETED("deleted", "1.1");

    private final String wireName;
    private final String eventVersion;

    Action(String wireName, String eventVersion) {
        this.wireName = wireName;
        this.eventVersion = eventVersion;
    }

    /** The value of the {@code action} field, e.g. {@code activated}. */
    public String wireName() {
        return wireName;
    }

    /** The {@code event_version} an event with this action carries. */
    public String eventVersion() {
        return eventVersion;
    }

    private static final Action[] ALL = values();

    /** Every record the live tail and the invalidation consumer read asks this: a plain loop, no stream. */
    public static Optional<Action> fromWire(String name) {
        for (Action a : ALL) {
            if (a.wireName.equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
