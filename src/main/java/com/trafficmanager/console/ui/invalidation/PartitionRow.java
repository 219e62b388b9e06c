package com.trafficmanager.console.ui.invalidation;

/**
 * One line of the per-partition table, ready to show.
 *
 * @param committed "-" when the group has no committed offset
 * @param timeLag   e.g. "0 s", "1 m 05 s", "?" when unknown
 * @param here      true when this console's consumer owns the partition
 */
public record PartitionRow(int partition, long endOffset, String committed, long lag, String timeLag, String status,
                           long processed, long deleted, long duplicates, long malformed, boolean here) {
}
