package com.trafficmanager.console.testing;

import com.trafficmanager.console.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a topic from the end offsets it had when the probe was made, so a test sees only records
 * produced after it started (tests share one topic). Assigns every partition; no consumer group.
 * Only the test thread may use it.
 */
public final class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicProbe(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    public static TopicProbe fromEnd(String bootstrap, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumerProperties(bootstrap, null, Map.of()));
        // a topic created a moment ago may not be in the broker's metadata yet: its partitions come back
        // empty, and a probe assigned to none would fail its first poll
        AtomicReference<List<TopicPartition>> found = new AtomicReference<>(List.of());
        Eventually.await("the partitions of topic " + topic, Duration.ofSeconds(20), () -> {
            found.set(consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList());
            return !found.get().isEmpty();
        });
        List<TopicPartition> partitions = found.get();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(20))); // resolve the end now
        return new TopicProbe(consumer);
    }

    /** Polls until the records seen so far (filtered) satisfy {@code done}; returns the filtered records. */
    public List<ConsumerRecord<String, byte[]>> await(String what, Duration timeout,
                                                      Predicate<ConsumerRecord<String, byte[]>> filter,
                                                      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Eventually.await(what, timeout, () -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return done.test(matching(filter));
        });
        return matching(filter);
    }

    /** Polls for a short while more and returns everything seen that matches (to prove there is no extra). */
    public List<ConsumerRecord<String, byte[]>> drain(Predicate<ConsumerRecord<String, byte[]>> filter) {
        for (int i = 0; i < 5; i++) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(filter);
    }

    private List<ConsumerRecord<String, byte[]>> matching(Predicate<ConsumerRecord<String, byte[]>> filter) {
        return seen.stream().filter(filter).toList();
    }

    public static Predicate<ConsumerRecord<String, byte[]>> keyStartsWith(String prefix) {
        return r -> r.key() != null && r.key().startsWith(prefix);
    }

    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
