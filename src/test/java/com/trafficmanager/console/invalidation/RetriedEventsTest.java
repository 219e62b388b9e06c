package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Which outcome an event of a retried batch counts as: the one a broken round of it had, once. */
class RetriedEventsTest {
    private final RetriedEvents retried = new RetriedEvents();

    private static RouteChangedEvent event(int route) {
        return RouteChangedEvent.of(EventIds.next(), Action.UPDATED, "tenant", "svc-" + route, "prod", "v1",
                "https://svc.example.com/", Instant.now(), "tester", "req", 2L);
    }

    private static DecodedRecord record(int partition, RouteChangedEvent e) {
        return DecodedRecord.of(new ConsumerRecord<>("route-events", partition, 0L, e.key(), EventCodec.encode(e)));
    }

    @Test
    void anEventABrokenRoundRanCountsAsWhatItWasThereOnceAndASecondCopyAsADuplicate() {
        RouteChangedEvent ran = event(1);
        retried.failed(List.of(record(0, ran)), "r.1:");

        assertThat(retried.settle(ran.eventId(), Outcome.DUPLICATE, "r.1:1")).isEqualTo(Outcome.DELETED);
        assertThat(retried.settle(ran.eventId(), Outcome.DUPLICATE, "r.1:1")).isEqualTo(Outcome.DUPLICATE);
        assertThat(retried.isEmpty()).isTrue();
    }

    @Test
    void anyBrokenRoundOfTheEventCounts() {
        RouteChangedEvent ran = event(1);
        retried.failed(List.of(record(0, ran)), "r.1:"); // broke before it reached the event
        retried.failed(List.of(record(0, ran)), "r.2:"); // ran it, then broke

        assertThat(retried.settle(ran.eventId(), Outcome.DUPLICATE, "r.2:0")).isEqualTo(Outcome.ABSENT);
    }

    @Test
    void aDuplicateRememberedByAnyOtherRoundStaysADuplicate() {
        RouteChangedEvent resent = event(1); // its first copy went through round r.5 (which answered)
        RouteChangedEvent notRun = event(2);
        retried.failed(List.of(record(0, resent), record(0, notRun)), "r.6:");

        assertThat(retried.settle(resent.eventId(), Outcome.DUPLICATE, "r.5:1")).isEqualTo(Outcome.DUPLICATE);
        assertThat(retried.settle(notRun.eventId(), Outcome.ABSENT, null)).isEqualTo(Outcome.ABSENT);
        assertThat(retried.isEmpty()).isTrue();
    }

    @Test
    void anEventOutsideTheBrokenRoundsIsNotCredited() {
        retried.failed(List.of(record(0, event(1))), "r.1:");
        RouteChangedEvent later = event(2);

        assertThat(retried.settle(later.eventId(), Outcome.DUPLICATE, "r.1:0")).isEqualTo(Outcome.DUPLICATE);
        assertThat(retried.isEmpty()).isFalse();
    }

    @Test
    void partitionsNoLongerAssignedAreForgottenAndMalformedRecordsNeverCount() {
        TopicPartition p0 = new TopicPartition("route-events", 0);
        TopicPartition p1 = new TopicPartition("route-events", 1);
        retried.failed(List.of(record(0, event(1)), record(1, event(2)),
                DecodedRecord.of(new ConsumerRecord<>("route-events", 2, 0L, "k", "not json".getBytes(StandardCharsets.UTF_8)))),
                "r.1:");

        retried.keepOnly(List.of(p0, p1)); // an eager rebalance gave both back
        assertThat(retried.isEmpty()).isFalse();
        retried.keepOnly(List.of(p1));
        assertThat(retried.isEmpty()).isFalse();
        retried.keepOnly(List.of());
        assertThat(retried.isEmpty()).as("the malformed record was never unsettled").isTrue();
    }

    @Test
    void onceEveryEventSettledTheBrokenRoundsBeforeNoLongerCount() {
        RouteChangedEvent first = event(1);
        retried.failed(List.of(record(0, first)), "r.1:");
        retried.settle(first.eventId(), Outcome.ABSENT, null);
        RouteChangedEvent second = event(2);
        retried.failed(List.of(record(0, second)), "r.7:");

        // r.1 is forgotten: whatever it remembered is a duplicate now (r.1 never held this event anyway)
        assertThat(retried.settle(second.eventId(), Outcome.DUPLICATE, "r.1:1")).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aSecondCopyMetAgainAfterTheFirstWasCreditedIsADuplicateWhileOtherEventsStayUnsettled() {
        RouteChangedEvent x = event(1); // at two offsets: a copy re-sent by the relay
        RouteChangedEvent y = event(2);
        retried.failed(List.of(record(0, x), record(1, y)), "r.1:"); // ran x's first copy, then broke

        assertThat(retried.settle(x.eventId(), Outcome.DUPLICATE, "r.1:1")).isEqualTo(Outcome.DELETED);
        retried.failed(List.of(record(0, x)), "r.3:"); // the second copy, in another round that broke; y still out
        assertThat(retried.settle(x.eventId(), Outcome.DUPLICATE, "r.1:1")).as("the second copy")
                .isEqualTo(Outcome.DUPLICATE);
    }
}
