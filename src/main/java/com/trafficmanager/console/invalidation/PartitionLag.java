package com.trafficmanager.console.invalidation;

/**
 * The group's position in one partition.
 *
 * @param committed    the committed offset, or -1 when the group has none (then lag counts from the
 *                     log start, where {@code auto.offset.reset=earliest} would begin)
 * @param lag          log-end offset minus committed offset
 * @param timeLagMs    now minus the timestamp of the oldest unconsumed record (the one at the committed
 *                     offset); 0 when there is no lag; -1 when it could not be read
 * @param commitTimeMs when the offset was committed, from the commit's metadata; -1 if unknown
 */
public record PartitionLag(int partition, long endOffset, long committed, long lag, long timeLagMs,
                           long commitTimeMs) {
}
