package com.trafficmanager.console.invalidation;

/**
 * What Redis holds for one route.
 *
 * @param value       the cached value, or null when the key is absent
 * @param ttlMs       remaining time to live in ms; -1 without expiry, -2 when absent
 * @param marker      the revision marker, or null
 * @param markerTtlMs the marker's remaining time to live in ms (-2 when absent)
 */
public record KeyInspection(String key, String value, long ttlMs, String marker, long markerTtlMs) {
    public boolean present() {
        return value != null;
    }
}
