package com.trafficmanager.console.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.stream.EventFilter;
import com.trafficmanager.console.stream.TailEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filtering arrivals on the window's thread stops at the budget; a filter that matches all has none. */
class ArrivalFilterTest {
    private long nanos;
    private int clockReads;
    // every read of the clock says a millisecond went by: slow filtering, deterministically
    private final ArrivalFilter arrivals = new ArrivalFilter(() -> {
        clockReads++;
        return nanos += 1_000_000L;
    }, ArrivalFilter.BUDGET_NANOS);

    private static List<TailEvent> events(int n) {
        List<TailEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String value = i % 2 == 0 ? "payments " + i : "search " + i;
            out.add(new TailEvent(i % 3, i, i, "k", value.getBytes(StandardCharsets.UTF_8), null));
        }
        return out;
    }

    private static EventFilter.Compiled regex(String regex) {
        return new EventFilter("", "", "", "", "", "", regex, false).compile();
    }

    @Test
    void aFewArrivalsAreFilteredWhateverTheClockSaysAndMorePastTheBudgetAreNot() {
        assertThat(arrivals.matching(events(ArrivalFilter.MIN_TESTED), null, regex("payments")))
                .hasSize(ArrivalFilter.MIN_TESTED / 2);
        assertThat(arrivals.matching(events(1_000), null, regex("payments"))).as("past the budget").isNull();
        assertThat(clockReads).as("the pass stopped, it did not go on testing").isLessThan(20);

        ArrivalFilter.Count count = arrivals.count(events(1_000), null, regex("payments"));
        assertThat(count.complete()).isFalse();
        assertThat(count.matching()).as("a lower bound").isPositive().isLessThan(500);
    }

    @Test
    void aFilterThatMatchesAllCostsNothingAndOnlyTheSelectedPartitionIsTested() {
        EventFilter.Compiled all = EventFilter.none().compile();
        assertThat(arrivals.matching(events(1_000), null, all)).hasSize(1_000);
        assertThat(arrivals.count(events(1_000), 1, all)).isEqualTo(new ArrivalFilter.Count(333, true));
        assertThat(clockReads).isZero();
    }
}
