package com.trafficmanager.console.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the live tail starts reading a partition: the latest offset (the default: only what arrives
 * from now on), the beginning, a given offset, or the first record at or after a timestamp (resolved
 * by the broker's offsets-for-times). An offset past the end reads from the end; one before the log
 * start reads from the log start.
 */
public record StartPosition(Kind kind, long offset, Instant timestamp) {

    public enum Kind { LATEST, BEGINNING, OFFSET, TIMESTAMP }

    public StartPosition {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.OFFSET && offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        if (kind == Kind.TIMESTAMP) {
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    public static StartPosition latest() {
        return new StartPosition(Kind.LATEST, 0, null);
    }

    public static StartPosition beginning() {
        return new StartPosition(Kind.BEGINNING, 0, null);
    }

    public static StartPosition offset(long offset) {
        return new StartPosition(Kind.OFFSET, offset, null);
    }

    public static StartPosition timestamp(Instant timestamp) {
        return new StartPosition(Kind.TIMESTAMP, 0, timestamp);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LATEST -> "latest";
            case BEGINNING -> "beginning";
            case OFFSET -> "offset " + offset;
            case TIMESTAMP -> "time " + timestamp;
        };
    }
}
