package com.trafficmanager.console.invalidation;

/** What processing one record did. */
public enum Outcome {
    /** The event was new and its route's key was in the cache: deleted. */
    DELETED,
    /** The event was new and the key was not cached (nothing to delete). */
    ABSENT,
    /** The event id was seen before (a redelivery): nothing changed. */
    DUPLICATE,
    /** Not a readable route event: counted, logged, skipped (and sent to the DLQ when configured). */
    MALFORMED,
    /** Redis refused this record's script (logged with partition and offset): skipped, counted as an error. */
    ERROR
}
