package com.trafficmanager.console.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.stream.StartPosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Start position form's time field: the calendar range Kafka can look records up by, with the rule when outside. */
class StartPositionFormTest {

    @Test
    void aTimeBefore1970OrPast9999IsRefusedWithTheRange() {
        assertThat(StartPositionForm.parse(StartPosition.Kind.TIMESTAMP, "1969-12-31T23:59:59Z").error())
                .isEqualTo("time: must be between 1970-01-01 and 9999-12-31 (UTC), got '1969-12-31T23:59:59Z'");
        assertThat(StartPositionForm.parse(StartPosition.Kind.TIMESTAMP, "+10000-01-01T00:00:00Z").error())
                .startsWith("time: must be");
        assertThat(StartPositionForm.parse(StartPosition.Kind.TIMESTAMP, "2024-01-14 10:30:00").position())
                .isEqualTo(StartPosition.timestamp(Instant.parse("2024-01-14T10:30:00Z")));
    }
}
