package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The live filter: its regular expression cannot hold the window's thread, however it backtracks; its
 * fields answer from the record key when the key is the event's, and from the value when it is not.
 */
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
    void aRegexThatRecursesTooDeepStopsMatchingAndSaysWhyInsteadOfEndingTheThread() throws Exception {
        // a repeated group recurses once per character: on a small stack a long value overflows it at once
        EventFilter.Compiled c = new EventFilter("", "", "", "", "", "", "(a|b)*c", false).compile();
        boolean[] matched = {true};
        Throwable[] thrown = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                matched[0] = c.test(raw(0, "ab".repeat(200_000)));
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "small-stack", 64 * 1024); // overflows after 70-160 characters read (measured, interpreted and
        // compiled), long before the first clock check at 1,024 reads; 256 KiB took up to 985 and met the clock
        small.start();
        small.join(30_000);
        assertThat(thrown[0]).isNull();
        assertThat(matched[0]).isFalse();
        assertThat(c.problem()).isEqualTo(EventFilter.DEEP_REGEX);
        assertThat(c.test(raw(1, "abc"))).as("it matches nothing more").isFalse();
    }

    @Test
    void anOrdinaryRegexMatchesAsBefore() {
        EventFilter.Compiled c = new EventFilter("", "", "", "", "", "", "pay(ments)?-v[0-9]", false).compile();
        assertThat(c.test(raw(0, "{\"service\":\"payments-v2\"}"))).isTrue();
        assertThat(c.test(raw(1, "{\"service\":\"search-v2\"}"))).isFalse();
        assertThat(c.problem()).isNull();
    }

    private static TailEvent event(String key, String tenant, String service, String env, Action action) {
        RouteChangedEvent e = RouteChangedEvent.of(UUID.randomUUID(), action, tenant, service, env, "v1",
                "https://x.example.com", Instant.parse("2026-11-27T10:00:00Z"), "alice", "r-1", 2L);
        return new TailEvent(0, 0, 0, key, EventCodec.encode(e), null);
    }

    private static boolean matches(EventFilter filter, TailEvent e) {
        return filter.compile().test(e);
    }

    private static EventFilter fields(String action, String tenant, String service, String env) {
        return new EventFilter(action, tenant, service, env, "", "", "", false);
    }

    @Test
    void fieldsMatchTheEventWhetherOrNotItsKeyIsTheEvents() {
        TailEvent own = event("team-a:payments:prod:v1", "team-a", "payments", "prod", Action.ACTIVATED);
        assertThat(matches(fields("", "team-a", "", ""), own)).isTrue();
        assertThat(matches(fields("", "team-a", "payments", "prod"), own)).isTrue();
        assertThat(matches(fields("", "team", "", ""), own)).as("a prefix of the tenant is not the tenant").isFalse();
        assertThat(matches(fields("", "", "payments", "dev"), own)).isFalse();
        assertThat(matches(fields("activated", "", "", ""), own)).isTrue();
        assertThat(matches(fields("deactivated", "team-a", "", ""), own)).isFalse();

        // a writer whose key is not the event's: the fields are the value's, not the key's
        TailEvent other = event("team-b:search:dev:v1", "team-a", "payments", "prod", Action.UPDATED);
        assertThat(matches(fields("", "team-a", "payments", "prod"), other)).isTrue();
        assertThat(matches(fields("", "team-b", "", ""), other)).isFalse();
        assertThat(matches(fields("updated", "", "search", ""), other)).isFalse();
        TailEvent noKey = event(null, "team-a", "payments", "prod", Action.CREATED);
        assertThat(matches(fields("", "team-a", "", ""), noKey)).isTrue();
        assertThat(matches(fields("", "team-a", "", ""), raw(9, "not json"))).as("malformed").isFalse();
    }
}
