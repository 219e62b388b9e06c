package com.trafficmanager.console.invalidation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link InvalidationConsumer}, validated once with exact messages and then frozen.
 * Start from {@link #defaults} and change what differs with the {@code with...} methods.
 *
 * @param bootstrapServers     Kafka bootstrap servers
 * @param kafkaProperties      extra client properties (security) applied last
 * @param topic                the route events topic
 * @param groupId              the consumer group (the profile's, {@code route-cache-invalidator} by default)
 * @param dlqTopic             where malformed records are copied with their reason while that topic exists
 *                             (see {@link DlqWriter}); null for none
 * @param dedupeTtl            how long an {@code event_id} is remembered; a redelivery later than that
 *                             deletes the key again (harmless) and counts as processed, not duplicate
 * @param markerTtl            how long the revision marker of an invalidation lives; a cache fill held
 *                             longer than half of it is not written (see {@link CacheResolver})
 * @param maxPollRecords       records per poll, i.e. per pipelined Redis round and per commit
 * @param retryMin             first wait after Redis failed; doubles per failure
 * @param retryMax             the longest wait between Redis retries
 * @param keepAliveCommit      while no record moves (Redis down, paused) the consumer re-commits its
 *                             positions this often, so lag evaluation can tell STALL from STOP
 */
public record InvalidationConfig(String bootstrapServers, Map<String, String> kafkaProperties, String topic,
                                 String groupId, String dlqTopic, Duration dedupeTtl, Duration markerTtl,
                                 int maxPollRecords, Duration retryMin, Duration retryMax, Duration keepAliveCommit) {

    public static final String DEFAULT_GROUP = "route-cache-invalidator";

    public InvalidationConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be empty");
        }
        if (dlqTopic != null && (dlqTopic.isBlank() || dlqTopic.equals(topic))) {
            throw new IllegalArgumentException("dlqTopic must be null or a topic other than '" + topic + "', got '"
                    + dlqTopic + "'");
        }
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        atLeast("dedupeTtl", dedupeTtl, Duration.ofSeconds(1));
        atLeast("markerTtl", markerTtl, Duration.ofSeconds(1));
        atLeast("retryMin", retryMin, Duration.ofMillis(1));
        atLeast("retryMax", retryMax, retryMin);
        atLeast("keepAliveCommit", keepAliveCommit, Duration.ofMillis(100));
        if (maxPollRecords < 1 || maxPollRecords > 50_000) {
            throw new IllegalArgumentException("maxPollRecords must be between 1 and 50000, got " + maxPollRecords);
        }
    }

    /** Dedupe 24 h, markers 60 s, 5,000 records a round, retry 200 ms doubling up to 10 s. */
    public static InvalidationConfig defaults(String bootstrapServers, String topic, String groupId) {
        return new InvalidationConfig(bootstrapServers, Map.of(), topic, groupId, null, Duration.ofHours(24),
                Duration.ofSeconds(60), 5_000, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(3));
    }

    public InvalidationConfig withKafkaProperties(Map<String, String> properties) {
        return new InvalidationConfig(bootstrapServers, properties, topic, groupId, dlqTopic, dedupeTtl, markerTtl,
                maxPollRecords, retryMin, retryMax, keepAliveCommit);
    }

    public InvalidationConfig withDlqTopic(String dlq) {
        return new InvalidationConfig(bootstrapServers, kafkaProperties, topic, groupId, dlq, dedupeTtl, markerTtl,
                maxPollRecords, retryMin, retryMax, keepAliveCommit);
    }

    public InvalidationConfig withMaxPollRecords(int records) {
        return new InvalidationConfig(bootstrapServers, kafkaProperties, topic, groupId, dlqTopic, dedupeTtl, markerTtl,
                records, retryMin, retryMax, keepAliveCommit);
    }

    public InvalidationConfig withRetry(Duration min, Duration max) {
        return new InvalidationConfig(bootstrapServers, kafkaProperties, topic, groupId, dlqTopic, dedupeTtl, markerTtl,
                maxPollRecords, min, max, keepAliveCommit);
    }

    public InvalidationConfig withTtls(Duration dedupe, Duration marker) {
        return new InvalidationConfig(bootstrapServers, kafkaProperties, topic, groupId, dlqTopic, dedupe, marker,
                maxPollRecords, retryMin, retryMax, keepAliveCommit);
    }

    private static void atLeast(String name, Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
    }
}
