package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.testing.Eventually;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away under the live tail: the status says so (and retries), and when the broker is back
 * the tail reads on from where it was: every record exactly once, in order, nothing skipped.
 */
class LiveTailOutageTest {

    @Test
    void theTailShowsTheOutageAndResumesWhereItWas() throws Exception {
        Sandbox sandbox = TestSandbox.shared();
        TailSettings settings = TailSettings.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
        try (LiveTopic topic = LiveTopic.create(6); EventTail tail = topic.tail(settings)) {
            for (int i = 0; i < 10; i++) {
                topic.send(1, null, LiveTopic.event("team-o", "svc-" + i, "prod", "v1", Action.CREATED));
            }
            tail.startAt(StartPosition.beginning());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(1000);
            Tails.until("the first 10", tail.queue(), buffers, () -> buffers.buffered(1) == 10);
            try {
                sandbox.stopKafka();
                Tails.until("the outage to show", tail.queue(), buffers,
                        () -> tail.status().state() == TailStatus.State.UNREACHABLE);
                assertThat(tail.status().message()).startsWith("Kafka unreachable");
            } finally {
                sandbox.startKafka();
            }
            Tails.until("the tail to be live again", tail.queue(), buffers,
                    () -> tail.status().state() == TailStatus.State.LIVE);
            for (int i = 10; i < 20; i++) {
                topic.send(1, null, LiveTopic.event("team-o", "svc-" + i, "prod", "v1", Action.UPDATED));
            }
            Tails.until("the next 10", tail.queue(), buffers, () -> buffers.buffered(1) >= 20);
            List<Long> offsets = buffers.events(1).stream().map(TailEvent::offset).toList();
            assertThat(offsets).containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        }
    }

    @Test
    void aBootstrapHostThatDoesNotResolveIsShownAndRetriedNotTheEnd() throws Exception {
        TailSettings settings = TailSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
        try (EventTail tail = new EventTail(KafkaClients.consumerProperties("no-such-host.invalid:9092", null, Map.of()),
                "route-events", new TailQueue(settings.queueCapacity()), settings)) {
            tail.start();
            Eventually.await("the unresolvable host to show", Tails.WAIT,
                    () -> tail.status().state() == TailStatus.State.UNREACHABLE);
            assertThat(tail.status().message()).startsWith("Kafka unreachable: ").contains("bootstrap");
            Instant first = tail.status().since();
            Eventually.await("a second attempt", Tails.WAIT, () -> tail.status().since().isAfter(first));
            assertThat(tail.status().state()).isEqualTo(TailStatus.State.UNREACHABLE);
        }
    }

    @Test
    void aTopicKafkaDoesNotHaveIsNamedAsSuchNotAsKafkaUnreachable() throws Exception {
        TailSettings settings = TailSettings.defaults().withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
        String topic = "absent-" + UUID.randomUUID();
        try (EventTail tail = new EventTail(KafkaClients.consumerProperties(
                TestSandbox.shared().endpoints().kafkaBootstrap(), null, Map.of()), topic,
                new TailQueue(settings.queueCapacity()), settings)) {
            tail.start();
            Eventually.await("the missing topic to show", Tails.WAIT,
                    () -> tail.status().state() == TailStatus.State.UNREACHABLE);
            assertThat(tail.status().message()).startsWith("topic '" + topic + "' not found in Kafka; retrying in ");
        }
    }
}
