package com.trafficmanager.console.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceBookTest {
    private final Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
    private final TraceBook book = new TraceBook(3, Clock.fixed(t0.plusMillis(40), ZoneOffset.UTC));

    @Test
    void hopsFillInAndLatenciesAreBetweenTimedHops() {
        UUID id = UUID.randomUUID();
        book.committed(id, "team-a:payments:prod:v2", "activated", 3, t0, "row_version 3");
        book.hop(id, Hop.PUBLISHED, HopRecord.seen(t0.plusMillis(12), "partition 3, offset 17"));
        book.hop(id, Hop.PROCESSED, HopRecord.notWitnessed("processed by another console"));
        book.hop(id, Hop.CACHE_VERIFIED, HopRecord.seen(t0.plusMillis(30), "key absent"));
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(trace.complete()).isTrue();
        assertThat(trace.latencyTo(Hop.PUBLISHED)).contains(Duration.ofMillis(12));
        assertThat(trace.latencyTo(Hop.PROCESSED)).isEmpty();
        assertThat(trace.latencyTo(Hop.CACHE_VERIFIED)).contains(Duration.ofMillis(18));
        assertThat(trace.hop(Hop.PROCESSED).orElseThrow().witnessed()).isFalse();
    }

    @Test
    void aHopThatBeatsItsCommitRecordIsKept() {
        UUID id = UUID.randomUUID();
        book.hop(id, Hop.SEEN_BY_TAIL, "partition 1, offset 4");
        assertThat(book.find(id)).isEmpty();
        book.committed(id, "k", "created", 1, t0, "");
        assertThat(book.find(id).orElseThrow().hop(Hop.SEEN_BY_TAIL)).isPresent();
    }

    @Test
    void aWitnessOfEveryEventRecordsOnlyForFollowedChanges() {
        UUID other = UUID.randomUUID();
        book.hopIfFollowed(other, Hop.SEEN_BY_TAIL, "partition 2, offset 9");
        book.committed(other, "k", "created", 1, t0, "");
        assertThat(book.find(other).orElseThrow().hop(Hop.SEEN_BY_TAIL)).as("not kept for later").isEmpty();
        book.hopIfFollowed(other, Hop.SEEN_BY_TAIL, "partition 2, offset 9");
        assertThat(book.find(other).orElseThrow().hop(Hop.SEEN_BY_TAIL).orElseThrow().detail())
                .isEqualTo("partition 2, offset 9");
    }

    @Test
    void theBookIsBoundedAndListenersSeeEachVersion() {
        List<ChangeTrace> seen = new ArrayList<>();
        book.addListener(seen::add);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            book.committed(id, "k" + i, "created", 1, t0, "");
        }
        assertThat(book.recent()).hasSize(3);
        assertThat(book.find(ids.get(0))).isEmpty();
        assertThat(book.find(ids.get(4))).isPresent();
        assertThat(seen).hasSize(5);
    }

    @Test
    void overdueHopsNameTheReason() {
        UUID id = UUID.randomUUID();
        book.committed(id, "k", "activated", 2, t0, "");
        ChangeTrace trace = book.find(id).orElseThrow();
        assertThat(OverdueHops.check(trace, new OverdueHops.Context(t0.plusSeconds(4), false, 12, true))).isEmpty();
        assertThat(OverdueHops.check(trace, new OverdueHops.Context(t0.plusSeconds(6), false, 12, true)))
                .contains("not published after 5 s: Kafka unreachable, backlog 12");
        ChangeTrace published = trace.with(Hop.PUBLISHED, HopRecord.seen(t0.plusSeconds(1), "p0/o1"));
        assertThat(OverdueHops.check(published, new OverdueHops.Context(t0.plusSeconds(20), true, 0, false))).isEmpty();
        assertThat(OverdueHops.check(published, new OverdueHops.Context(t0.plusSeconds(20), true, 0, true)))
                .get().asString().startsWith("not processed by the invalidation consumer after 10 s");
    }
}
