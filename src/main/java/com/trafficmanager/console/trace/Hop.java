package com.trafficmanager.console.trace;

/**
 * The hops of one route change, in the order a change passes them: committed in PostgreSQL, published
 * to Kafka, seen by the live tail, processed by the invalidation consumer, cache verified. The labels
 * are short, for the timeline's first column.
 */
public enum Hop {
    COMMITTED("committed"),
    PUBLISHED("published"),
    SEEN_BY_TAIL("seen by the tail"),
    PROCESSED("processed"),
    CACHE_VERIFIED("cache verified");

    private final String label;

    Hop(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
