package com.trafficmanager.console.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Client properties for the console's Kafka clients: bootstrap servers plus the settings the design
 * requires, with the caller's extra properties (security, timeouts from a profile) applied last.
 *
 * <p>Keys are strings ({@code tenant:service:env:version}); values are raw bytes, because the outbox
 * stores the exact event bytes and the consumers decode them themselves.
 *
 * <p>Extra properties win, which is why a profile may not set the properties the console owns
 * ({@code acks}, {@code enable.idempotence}, the serializers, ...): {@code KafkaProperties} refuses
 * them when the settings are read, so the producer stays idempotent with {@code acks=all}.
 */
public final class KafkaClients {
    private KafkaClients() {
    }

    /** Idempotent producer, {@code acks=all}, string keys, byte-array values. */
    public static Map<String, Object> producerProperties(String bootstrapServers, Map<String, ?> extra) {
        Map<String, Object> p = base(bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(extra);
        return p;
    }

    /**
     * A consumer with manual commits, string keys and byte-array values. {@code groupId} may be null
     * for a consumer that only uses {@code assign()} (live tail, tests).
     */
    public static Map<String, Object> consumerProperties(String bootstrapServers, String groupId,
                                                         Map<String, ?> extra) {
        Map<String, Object> p = base(bootstrapServers);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putAll(extra);
        return p;
    }

    public static Map<String, Object> adminProperties(String bootstrapServers, Map<String, ?> extra) {
        Map<String, Object> p = base(bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        p.putAll(extra);
        return p;
    }

    private static Map<String, Object> base(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be empty");
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }
}
