package com.trafficmanager.console.trace;

/** The hops of one route change, in the order a change passes them. */
public enum Hop {
    COMMITTED("committed in PostgreSQL"),
    PUBLISHED("published to Kafka"),
    SEEN_BY_TAIL("seen by the live tail"),
    PROCESSED("processed by the invalidation consumer"),
    CACHE_VERIFIED("cache verified");

    private final String label;

    Hop(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
