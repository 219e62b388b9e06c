package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.sandbox.AutoCreatingBroker;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that are not route events, between good ones on one partition: each is counted, skipped and
 * written to the dead-letter topic with its reason; the good ones around them are processed and the
 * partition's committed offset reaches its end.
 */
class MalformedRecordsTest {
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    @Test
    void malformedRecordsAreCountedSkippedAndDeadLetteredWhileThePartitionKeepsMoving() throws Exception {
        String dlq = fx.topic + ".dlq";
        fx.createTopic(dlq);
        String group = fx.newGroup();
        int p = 2;
        RouteChangedEvent good1 = fx.event(1, 2);
        RouteChangedEvent good2 = fx.event(2, 2);
        RouteChangedEvent good3 = fx.event(3, 2);
        RouteChangedEvent badName = RouteChangedEvent.of(good1.eventId(), good1.action(), "Bad:Tenant", "svc", "prod",
                "v1", "https://x.example.com", good1.occurredAt(), "t", "r", 1L);
        fx.redis.set(fx.routeKey(1), "c");
        fx.redis.set(fx.routeKey(2), "c");
        fx.redis.set(fx.routeKey(3), "c");
        try (TopicProbe probe = TopicProbe.fromEnd(fx.endpoints.kafkaBootstrap(), dlq)) {
            fx.send(p, good1.key(), EventCodec.encode(good1), good1.eventId(), null);
            fx.send(p, "k", "not json at all".getBytes(StandardCharsets.UTF_8), null, null);
            fx.send(p, good2.key(), EventCodec.encode(good2), good2.eventId(), null);
            fx.send(p, "k", "{\"event_type\":\"route_changed\",\"event_version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8),
                    null, null);
            fx.send(p, "k", "{\"event_type\":\"route_changed\",\"event_version\":\"2.0\"}".getBytes(StandardCharsets.UTF_8),
                    null, null);
            fx.send(p, "k", null, null, null);
            fx.send(p, badName.key(), EventCodec.encode(badName), badName.eventId(), null);
            fx.send(p, good3.key(), EventCodec.encode(good3), good3.eventId(), null);

            try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group).withDlqTopic(dlq), fx.redis)) {
                consumer.start();
                Eventually.await("all 8 records processed", InvalidationFixture.WAIT,
                        () -> consumer.counters().snapshot().total().processed() >= 8);
                Eventually.await("the partition committed to its end", InvalidationFixture.WAIT,
                        () -> fx.committedAtEnd(group));
                Counts c = consumer.counters().snapshot().partition(p);
                assertThat(c.processed()).isEqualTo(8);
                assertThat(c.malformed()).isEqualTo(5);
                assertThat(c.deleted()).isEqualTo(3);
                assertThat(fx.committed(group).get(new TopicPartition(fx.topic, p))).isEqualTo(8L);
                assertThat(fx.redis.exists(fx.routeKey(1))).isFalse();
                assertThat(fx.redis.exists(fx.routeKey(3))).isFalse();
                assertThat(consumer.state()).isEqualTo(ConsumerState.RUNNING);
                assertThat(consumer.recent().snapshot()).filteredOn(e -> e.outcome() == Outcome.MALFORMED)
                        .extracting(ProcessedEvent::offset).containsExactly(1L, 3L, 4L, 5L, 6L);
            }
            List<ConsumerRecord<String, byte[]>> dead = probe.await("5 records on the DLQ", InvalidationFixture.WAIT,
                    r -> true, l -> l.size() >= 5);
            // keyed as they came, so they spread over the DLQ's partitions: compare by source offset
            Map<String, String> reasonByOffset = new TreeMap<>();
            dead.forEach(r -> reasonByOffset.put(TopicProbe.header(r, DlqWriter.SOURCE_OFFSET),
                    TopicProbe.header(r, DlqWriter.REASON)));
            assertThat(reasonByOffset).containsOnlyKeys("1", "3", "4", "5", "6");
            assertThat(reasonByOffset.get("1")).startsWith("not JSON");
            assertThat(reasonByOffset.get("3")).contains("is missing");
            assertThat(reasonByOffset.get("4")).contains("unknown major event_version");
            assertThat(reasonByOffset.get("5")).isEqualTo("empty value");
            assertThat(reasonByOffset.get("6")).contains("tenant");
            assertThat(dead).allMatch(r -> String.valueOf(p).equals(TopicProbe.header(r, DlqWriter.SOURCE_PARTITION))
                    && fx.topic.equals(TopicProbe.header(r, DlqWriter.SOURCE_TOPIC)));
        }
    }

    @Test
    void withoutTheDeadLetterTopicMalformedRecordsAreOnlyCountedAndTheTopicIsNotCreated(@TempDir Path dir)
            throws Exception {
        // the sandbox's broker creates no topic by itself, so on it the console's asking could not create one
        try (AutoCreatingBroker broker = new AutoCreatingBroker(dir);
             Admin admin = Admin.create(KafkaClients.adminProperties(broker.bootstrap(), Map.of()));
             KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(KafkaClients.producerProperties(broker.bootstrap(), Map.of()))) {
            String asked = "asked-" + UUID.randomUUID().toString().substring(0, 8);
            try (KafkaConsumer<String, byte[]> asking = new KafkaConsumer<>(KafkaClients.consumerProperties(
                    broker.bootstrap(), null, Map.of(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true)))) {
                asking.partitionsFor(asked, Duration.ofSeconds(30));
            }
            Eventually.await("a topic a client only asked about created by this broker", InvalidationFixture.WAIT,
                    () -> topics(admin).contains(asked));

            String topic = fx.topic; // its namesake on this broker
            String missing = InvalidationService.dlqTopicFor(topic); // the operator has not made it
            admin.createTopics(List.of(new NewTopic(topic, InvalidationFixture.PARTITIONS, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            String group = fx.newGroup();
            int p = 1;
            int malformed = 40;
            for (int i = 0; i < malformed; i++) {
                producer.send(new ProducerRecord<>(topic, p, "k", ("not json " + i).getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
            RouteChangedEvent good = fx.event(9, 2);
            fx.redis.set(fx.routeKey(9), "c");
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventHeaders.EVENT_ID, good.eventId().toString().getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, p, null, good.key(), EventCodec.encode(good), headers))
                    .get(30, TimeUnit.SECONDS);
            TopicPartition tp = new TopicPartition(topic, p);
            InvalidationConfig config = InvalidationConfig.defaults(broker.bootstrap(), topic, group)
                    .withRetry(Duration.ofMillis(100), Duration.ofSeconds(1)).withDlqTopic(missing);
            try (InvalidationConsumer consumer = new InvalidationConsumer(config, fx.redis)) {
                consumer.start();
                Eventually.await("every record processed and the partition committed to its end",
                        InvalidationFixture.WAIT,
                        () -> consumer.counters().snapshot().total().processed() >= malformed + 1
                                && committed(admin, group, tp) == malformed + 1);
                Counts c = consumer.counters().snapshot().partition(p);
                assertThat(c.malformed()).isEqualTo(malformed);
                assertThat(c.deleted()).isEqualTo(1);
                assertThat(consumer.counters().snapshot().total().errors()).as("no dead-letter topic is not an error")
                        .isZero();
                assertThat(fx.redis.exists(fx.routeKey(9))).isFalse();
            }
            assertThat(topics(admin)).as("the topics, after the console looked for the dead-letter one")
                    .doesNotContain(missing);
        }
    }

    @Test
    void anEventWithAnActionThisConsoleDoesNotKnowStillInvalidatesItsRoutesKey() throws Exception {
        String group = fx.newGroup();
        int p = 4;
        RouteChangedEvent e = fx.event(5, 3);
        byte[] later = new String(EventCodec.encode(e), StandardCharsets.UTF_8)
                .replace("\"action\":\"" + e.action().wireName() + "\"", "\"action\":\"renamed\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(new String(later, StandardCharsets.UTF_8)).contains("\"action\":\"renamed\"");
        fx.redis.set(fx.routeKey(5), "cached");
        fx.send(p, e.key(), later, e.eventId(), null);
        try (InvalidationConsumer consumer = new InvalidationConsumer(fx.config(group), fx.redis)) {
            consumer.start();
            Eventually.await("the record processed and committed", InvalidationFixture.WAIT,
                    () -> consumer.counters().snapshot().total().processed() >= 1 && fx.committedAtEnd(group));
            Counts c = consumer.counters().snapshot().partition(p);
            assertThat(c.malformed()).isZero();
            assertThat(c.deleted()).isEqualTo(1);
            assertThat(fx.redis.exists(fx.routeKey(5))).isFalse();
            ProcessedEvent shown = consumer.recent().snapshot().get(0);
            assertThat(shown.action()).isEqualTo("renamed");
            assertThat(shown.outcome()).isEqualTo(Outcome.DELETED);
            assertThat(shown.detail()).isEqualTo(DecodedRecord.UNKNOWN_ACTION_NOTE);
        }
    }

    private static Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not list the topics", e);
        }
    }

    /** The group's committed offset of {@code tp}; -1 while it has none or Kafka does not tell. */
    private static long committed(Admin admin, String group, TopicPartition tp) {
        try {
            OffsetAndMetadata om = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(tp);
            return om == null ? -1 : om.offset();
        } catch (Exception notYet) {
            return -1;
        }
    }
}
