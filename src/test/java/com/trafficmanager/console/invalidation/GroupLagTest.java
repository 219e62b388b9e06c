package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group's totals: a time lag that could not be measured where the group lags is not shown as 0. */
class GroupLagTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theLargestTimeLagIsUnknownWhenALaggingPartitionHasNone() {
        GroupLag lag = GroupLag.of(AT, List.of(new PartitionLag(0, 10_100, 100, 10_000, -1, 0),
                new PartitionLag(1, 50, 50, 0, 0, 0)));
        assertThat(lag.totalLag()).isEqualTo(10_000);
        assertThat(lag.maxTimeLagMs()).isEqualTo(-1);
    }

    @Test
    void aPartitionWithoutLagAndWithoutTimeLagLeavesTheLargestKnown() {
        GroupLag lag = GroupLag.of(AT, List.of(new PartitionLag(0, 110, 100, 10, 2_500, 0),
                new PartitionLag(1, 50, 50, 0, -1, 0)));
        assertThat(lag.maxTimeLagMs()).isEqualTo(2_500);
    }
}
