package com.trafficmanager.console.stream;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A topic of its own for a live-tail test ({@code live-test-<random>}, 6 partitions), so other tests'
 * events cannot interfere, and a plain producer to put records exactly where the test wants them.
 */
final class LiveTopic implements AutoCloseable {
    final String name;
    final String bootstrap;
    final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    private LiveTopic(String name, String bootstrap, Admin admin) {
        this.name = name;
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.producer = new KafkaProducer<>(KafkaClients.producerProperties(bootstrap, Map.of()));
    }

    static LiveTopic create(int partitions) throws Exception {
        String bootstrap = TestSandbox.shared().endpoints().kafkaBootstrap();
        Admin admin = Admin.create(KafkaClients.adminProperties(bootstrap, Map.of()));
        String name = "live-test-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        return new LiveTopic(name, bootstrap, admin);
    }

    static RouteChangedEvent event(String tenant, String service, String env, String version, Action action) {
        return RouteChangedEvent.of(EventIds.next(), action, tenant, service, env, version,
                "https://" + service + ".example.com/" + version, Instant.ofEpochMilli(System.currentTimeMillis()), "tester", "req-" + service, 1L);
    }

    /** Sends an event with its key to the given partition (null: the default partitioner decides). */
    RecordMetadata send(Integer partition, Long timestamp, RouteChangedEvent e) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(name, partition, timestamp, e.key(), EventCodec.encode(e));
        r.headers().add(new RecordHeader(EventHeaders.EVENT_ID, e.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(EventHeaders.EVENT_VERSION, e.eventVersion().getBytes(StandardCharsets.UTF_8)));
        return producer.send(r).get(30, TimeUnit.SECONDS);
    }

    /** A record whose event_id header has no value at all, as any producer may send. */
    RecordMetadata sendWithEmptyIdHeader(int partition, RouteChangedEvent e) throws Exception {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(name, partition, e.key(), EventCodec.encode(e));
        r.headers().add(new RecordHeader(EventHeaders.EVENT_ID, null));
        return producer.send(r).get(30, TimeUnit.SECONDS);
    }

    RecordMetadata sendRaw(int partition, String key, byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(name, partition, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Deletes the topic and creates it again under the same name, as an administrator might under a running tail. */
    void recreate(int partitions) throws Exception {
        admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
        Eventually.await("the topic created again", Duration.ofSeconds(60), () -> {
            try { // the broker may take a moment to forget the deleted topic
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    return false;
                }
                throw new IllegalStateException(e);
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    EventTail tail(TailSettings settings) {
        return new EventTail(KafkaClients.consumerProperties(bootstrap, null, Map.of()), name,
                new TailQueue(settings.queueCapacity()), settings);
    }

    @Override
    public void close() throws Exception {
        producer.close();
        try {
            admin.deleteTopics(List.of(name)).all().get(30, TimeUnit.SECONDS);
        } finally {
            admin.close();
        }
    }
}
