package com.trafficmanager.console.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeInputTest {
    private static final Instant NOW = Instant.parse("2024-06-10T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void acceptsRelativeAgesDatesLocalTimesAndInstants() {
        assertThat(TimeInput.parse(" ", NOW, BERLIN)).isEmpty();
        assertThat(TimeInput.parse("15m", NOW, BERLIN)).contains(Instant.parse("2024-06-10T11:45:00Z"));
        assertThat(TimeInput.parse("2h", NOW, BERLIN)).contains(Instant.parse("2024-06-10T10:00:00Z"));
        assertThat(TimeInput.parse("7d", NOW, BERLIN)).contains(Instant.parse("2024-06-03T12:00:00Z"));
        assertThat(TimeInput.parse("2024-01-14", NOW, BERLIN)).contains(Instant.parse("2024-01-13T23:00:00Z"));
        assertThat(TimeInput.parse("2024-01-14 10:30", NOW, BERLIN)).contains(Instant.parse("2024-01-14T09:30:00Z"));
        assertThat(TimeInput.parse("2024-01-14T10:30:00Z", NOW, BERLIN)).contains(Instant.parse("2024-01-14T10:30:00Z"));
        assertThat(TimeInput.parse("2024-01-14T10:30:00+02:00", NOW, BERLIN)).contains(Instant.parse("2024-01-14T08:30:00Z"));
    }

    @Test
    void refusesAnythingElseSayingWhatIsAccepted() {
        assertThatThrownBy(() -> TimeInput.parse("last week", NOW, BERLIN))
                .hasMessage("'last week' is not a time; " + TimeInput.ACCEPTED);
        assertThatThrownBy(() -> TimeInput.parse("2024-13-01", NOW, BERLIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
