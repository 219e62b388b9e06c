package com.trafficmanager.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockOffsetTest {
    @Test
    void aDatabaseTimeIsMovedByTheOffsetAtTheMiddleOfTheStatement() {
        Instant databaseNow = Instant.parse("2026-11-28T10:00:00Z");
        ClockOffset offset = ClockOffset.measured(databaseNow, Instant.parse("2026-11-28T10:00:10.000Z"),
                Instant.parse("2026-11-28T10:00:10.020Z"));
        assertThat(offset.toLocal(Instant.parse("2026-11-28T09:59:59Z")))
                .isEqualTo(Instant.parse("2026-11-28T10:00:09.010Z"));
        assertThat(ClockOffset.measured(databaseNow, databaseNow.minusMillis(4), databaseNow.plusMillis(4))
                .toLocal(databaseNow)).isEqualTo(databaseNow);
    }
}
