package com.trafficmanager.console.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The fast timestamp path reads what the general parser reads, and leaves everything else to it. */
class Rfc3339Test {

    @Test
    void readsTheConsolesOwnShapeLikeTheGeneralParser() {
        for (String s : new String[] {"2024-01-14T10:30:00.123Z", "1999-12-31T23:59:59.999Z", "2024-02-29T00:00:00.000Z"}) {
            assertThat(Rfc3339.parseUtcMillis(s)).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void leavesOtherShapesAndImpossibleDatesToTheGeneralParser() {
        for (String s : new String[] {"2024-01-14T10:30:00Z", "2024-01-14T10:30:00.123+01:00", "2024-01-14T10:30:00.1234Z",
                "2023-02-29T00:00:00.000Z", "2024-13-01T00:00:00.000Z", "2024-01-14T24:00:00.000Z",
                "2024-01-14T10:30:60.000Z", "2024-01-1xT10:30:00.123Z", "yesterday", ""}) {
            assertThat(Rfc3339.parseUtcMillis(s)).as(s).isNull();
        }
    }
}
