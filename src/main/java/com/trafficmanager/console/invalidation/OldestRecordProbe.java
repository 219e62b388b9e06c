package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the timestamp of the record at a given offset per partition (the oldest record the group has
 * not consumed), for the time lag. A group-less consumer that fetches little: one small fetch per
 * lagging partition. Used by one thread only (the sampler's).
 */
final class OldestRecordProbe implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    OldestRecordProbe(String bootstrap, Map<String, String> kafkaProperties) {
        Map<String, Object> props = new HashMap<>(KafkaClients.consumerProperties(bootstrap, null, kafkaProperties));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "traffic-console-lag-probe");
        this.consumer = new KafkaConsumer<>(props);
    }

    /** Record timestamps (epoch ms) at the given offsets; partitions not read within the budget are absent. */
    Map<TopicPartition, Long> timestamps(Map<TopicPartition, Long> offsets, Duration budget) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (offsets.isEmpty()) {
            return found;
        }
        consumer.assign(offsets.keySet());
        offsets.forEach(consumer::seek);
        long deadline = System.nanoTime() + budget.toNanos();
        while (found.size() < offsets.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (!found.containsKey(tp) && r.offset() >= offsets.get(tp)) {
                    found.put(tp, r.timestamp());
                    consumer.pause(java.util.List.of(tp));
                }
            }
        }
        consumer.resume(consumer.paused());
        return found;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(3));
    }
}
