package com.trafficmanager.console.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Event ids are RFC 9562 version-7 UUIDs: right version and variant, unique, time-ordered by millisecond. */
class EventIdsTest {

    @Test
    void areVersionSevenUuidsInTimeOrder() {
        Set<UUID> seen = new HashSet<>();
        long previousMillis = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID id = EventIds.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(millis).isGreaterThanOrEqualTo(previousMillis);
            previousMillis = millis;
            assertThat(seen.add(id)).isTrue();
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
        }
        assertThat(Math.abs(previousMillis - System.currentTimeMillis())).isLessThan(60_000);
    }
}
