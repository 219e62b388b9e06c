package com.trafficmanager.console.invalidation;

import java.time.Instant;
import java.util.List;

/**
 * The group's lag on every partition of the topic at one moment, with the total and the largest.
 * {@code maxTimeLagMs} is -1 (unknown) when a partition that lags has no time lag measured: the largest
 * of the others could be far below it, so it must not pass for the group's.
 */
public record GroupLag(Instant at, List<PartitionLag> partitions, long totalLag, long maxLag, long maxTimeLagMs) {
    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    static GroupLag of(Instant at, List<PartitionLag> partitions) {
        long total = 0;
        long max = 0;
        long maxTime = 0;
        boolean unknown = false;
        for (PartitionLag p : partitions) {
            total += p.lag();
            max = Math.max(max, p.lag());
            maxTime = Math.max(maxTime, p.timeLagMs());
            unknown |= p.lag() > 0 && p.timeLagMs() < 0;
        }
        return new GroupLag(at, partitions, total, max, unknown ? -1 : maxTime);
    }
}
