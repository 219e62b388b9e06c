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

/** Which outcome an event of a retried batch counts as: the one its broken-off round had, once. */
class RetrySeriesTest {
    private final RetrySeries series = new RetrySeries("run.1:");

    private static RouteChangedEvent event(int route) {
        return RouteChangedEvent.of(EventIds.next(), Action.UPDATED, "tenant", "svc-" + route, "prod", "v1",
                "https://svc.example.com/", Instant.now(), "tester", "req", 2L);
    }

    private static DecodedRecord record(int partition, RouteChangedEvent e) {
        return DecodedRecord.of(new ConsumerRecord<>("route-events", partition, 0L, e.key(), EventCodec.encode(e)));
    }

    @Test
    void anEventTheBrokenRoundRanCountsAsWhatItWasThereOnceAndAsecondCopyAsADuplicate() {
        RouteChangedEvent ran = event(1);
        series.failed(List.of(record(0, ran)));

        assertThat(series.settle(ran.eventId(), Outcome.DUPLICATE, Outcome.DELETED)).isEqualTo(Outcome.DELETED);
        assertThat(series.settle(ran.eventId(), Outcome.DUPLICATE, Outcome.DELETED)).isEqualTo(Outcome.DUPLICATE);
        assertThat(series.settled()).isTrue();
    }

    @Test
    void anEventTheBrokenRoundDidNotRunOrAnEarlierRoundRememberedCountsAsRedisAnswersNow() {
        RouteChangedEvent notRun = event(1);
        RouteChangedEvent redelivered = event(2);
        series.failed(List.of(record(0, notRun), record(0, redelivered)));

        assertThat(series.settle(notRun.eventId(), Outcome.ABSENT, null)).isEqualTo(Outcome.ABSENT);
        assertThat(series.settled()).isFalse();
        assertThat(series.settle(redelivered.eventId(), Outcome.DUPLICATE, null)).isEqualTo(Outcome.DUPLICATE);
        assertThat(series.settled()).isTrue();
    }

    @Test
    void anEventOutsideTheFailedBatchIsNotCreditedEvenIfTheSeriesRememberedIt() {
        series.failed(List.of(record(0, event(1))));
        RouteChangedEvent later = event(2);

        assertThat(series.settle(later.eventId(), Outcome.DUPLICATE, Outcome.ABSENT)).isEqualTo(Outcome.DUPLICATE);
        assertThat(series.settled()).isFalse();
    }

    @Test
    void aRevokedPartitionsEventsAreForgottenAndMalformedRecordsNeverCount() {
        series.failed(List.of(record(0, event(1)), record(1, event(2)),
                DecodedRecord.of(new ConsumerRecord<>("route-events", 2, 0L, "k", "not json".getBytes(StandardCharsets.UTF_8)))));

        series.forget(List.of(new TopicPartition("route-events", 0)));
        assertThat(series.settled()).isFalse();
        series.forget(List.of(new TopicPartition("route-events", 1)));
        assertThat(series.settled()).as("the malformed record was never unsettled").isTrue();
    }
}
