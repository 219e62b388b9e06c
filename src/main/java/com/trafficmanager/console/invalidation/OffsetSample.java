package com.trafficmanager.console.invalidation;

/**
 * One observation of a partition for lag evaluation.
 *
 * @param committed    the group's committed offset (the next record it will read)
 * @param end          the log-end offset
 * @param commitTimeMs when that offset was last committed (from the commit's metadata, or when it was
 *                     first seen to change), epoch milliseconds
 * @param sampleTimeMs when the observation was made, epoch milliseconds
 */
public record OffsetSample(long committed, long end, long commitTimeMs, long sampleTimeMs) {
    public long lag() {
        return Math.max(0, end - committed);
    }
}
