package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.testing.TestSandbox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.JedisPooled;

/**
 * A topic of its own (6 partitions) on the shared sandbox, a producer of route events onto it, the
 * Admin client and Redis; one per test (or per test class where the tests do not read from the start). Groups are unique per test ({@link #newGroup}) and
 * tenants per fixture, so tests never see each other's offsets or keys.
 */
final class InvalidationFixture implements AutoCloseable, AfterEachCallback {
    static final int PARTITIONS = 6;
    static final Duration WAIT = Duration.ofSeconds(90);

    final SandboxEndpoints endpoints = TestSandbox.shared().endpoints();
    final String topic = "inval-test-" + UUID.randomUUID().toString().substring(0, 8);
    final String tenant = "inv-" + UUID.randomUUID().toString().substring(0, 8);
    final Admin admin = Admin.create(KafkaClients.adminProperties(endpoints.kafkaBootstrap(), Map.of()));
    final JedisPooled redis = new JedisPooled(URI.create(endpoints.redisUri()));
    final KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(KafkaClients.producerProperties(endpoints.kafkaBootstrap(), Map.of()));

    InvalidationFixture() throws Exception {
        createTopic(topic);
    }

    /** For {@code @RegisterExtension}: a fixture for one test, closed after it (after its {@code @AfterEach}). */
    static InvalidationFixture perTest() {
        try {
            return new InvalidationFixture();
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the invalidation fixture", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    void createTopic(String name) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    String newGroup() {
        return "inval-group-" + UUID.randomUUID().toString().substring(0, 8);
    }

    InvalidationConfig config(String group) {
        return InvalidationConfig.defaults(endpoints.kafkaBootstrap(), topic, group)
                .withRetry(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** An {@code updated} event for route {@code svc-i} of this fixture's tenant, with a revision. */
    RouteChangedEvent event(int i, long revision) {
        return RouteChangedEvent.of(EventIds.next(), Action.UPDATED, tenant, "svc-" + i, "prod", "v1",
                "https://svc-" + i + ".example.com/r" + revision, Instant.now(), "tester", EventIds.next().toString(),
                revision);
    }

    RecordMetadata send(RouteChangedEvent e) throws Exception {
        return send(null, e.key(), EventCodec.encode(e), e.eventId(), null);
    }

    RecordMetadata send(Integer partition, String key, byte[] value, UUID eventId, Long timestamp) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        if (eventId != null) {
            headers.add(EventHeaders.EVENT_ID, eventId.toString().getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers))
                .get(30, TimeUnit.SECONDS);
    }

    String routeKey(int i) {
        return "route:" + tenant + ":svc-" + i + ":prod:v1";
    }

    Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, i) -> out.put(tp, i.offset()));
        return out;
    }

    /** The group's committed offsets; partitions without one are absent. */
    Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> out = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        offsets.forEach((tp, om) -> {
            if (om != null && tp.topic().equals(topic)) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /** True when the group's committed offset equals the log end on every partition that has records. */
    boolean committedAtEnd(String group) {
        try {
            Map<TopicPartition, Long> end = endOffsets();
            Map<TopicPartition, Long> committed = committed(group);
            return end.entrySet().stream()
                    .allMatch(e -> e.getValue() == 0 || e.getValue().equals(committed.get(e.getKey())));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        try {
            String dlq = InvalidationService.dlqTopicFor(topic); // the tests that made one
            List<String> made = admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(dlq)
                    ? List.of(topic, dlq) : List.of(topic);
            admin.deleteTopics(made).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the sandbox is a throwaway; a topic left behind harms nobody
        }
        admin.close(Duration.ofSeconds(5));
        redis.close();
    }
}
