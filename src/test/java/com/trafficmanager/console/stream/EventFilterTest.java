package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The live filter's regular expression cannot hold the window's thread, however it backtracks. */
class EventFilterTest {
    private static TailEvent raw(long offset, String value) {
        return new TailEvent(0, offset, 0, "k", value.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void aRegexThatBacktracksForEverStopsMatchingAndSaysWhy() {
        // a back-reference defeats the regex engine's memo: every split of the a's is tried (minutes)
        EventFilter.Compiled c = new EventFilter("", "", "", "", "", "", "(a*)*\\1b", false).compile();
        assertThat(c.problem()).isNull();
        String evil = "a".repeat(30);
        for (int i = 0; i < 10; i++) {
            assertThat(c.test(raw(i, evil))).isFalse();
        }
        assertThat(c.problem()).isEqualTo(EventFilter.SLOW_REGEX);
        assertThat(c.test(raw(11, "aaa"))).as("it matches nothing more once found too slow").isFalse();
    }

    @Test
    void anOrdinaryRegexMatchesAsBefore() {
        EventFilter.Compiled c = new EventFilter("", "", "", "", "", "", "pay(ments)?-v[0-9]", false).compile();
        assertThat(c.test(raw(0, "{\"service\":\"payments-v2\"}"))).isTrue();
        assertThat(c.test(raw(1, "{\"service\":\"search-v2\"}"))).isFalse();
        assertThat(c.problem()).isNull();
    }
}
