package com.trafficmanager.console.invalidation;

/**
 * Counters of one partition, or of the whole consumer. {@code processed} is every record handled
 * (deleted + absent + duplicates + malformed + per-record errors); {@code errors} also holds failures
 * not tied to a record (Redis down, commit refused); {@code commits} counts offset commits.
 */
public record Counts(long processed, long deleted, long absent, long duplicates, long malformed, long errors,
                     long commits) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

    Counts plus(Counts o) {
        return new Counts(processed + o.processed, deleted + o.deleted, absent + o.absent, duplicates + o.duplicates,
                malformed + o.malformed, errors + o.errors, commits + o.commits);
    }

    /** This minus an earlier reading: what happened in between. */
    public Counts minus(Counts earlier) {
        return new Counts(processed - earlier.processed, deleted - earlier.deleted, absent - earlier.absent,
                duplicates - earlier.duplicates, malformed - earlier.malformed, errors - earlier.errors,
                commits - earlier.commits);
    }
}
