package com.trafficmanager.console.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link OutboxRelay}, validated once with exact messages and then frozen. Start from
 * {@link #defaults} and change what differs with the {@code with...} methods.
 *
 * @param producerOverrides extra Kafka producer properties (security, timeouts); applied last
 * @param pollInterval      how often the relay looks for rows nobody woke it for (another console's
 *                          writes, rows left by a crash), and how often a standby tries for the lock
 * @param batchSize         rows read, sent and marked per cycle
 * @param retention         how long published rows are kept (history and tracing read them)
 * @param pruneInterval     how often the publishing relay deletes rows older than {@code retention}
 * @param initialBackoff    first wait before a key whose send failed is tried again; doubles per failure
 * @param maxBackoff        the longest such wait
 * @param lockId            the PostgreSQL advisory lock every relay on the database contends for
 */
public record OutboxRelayConfig(String bootstrapServers, String topic, Map<String, Object> producerOverrides,
                                Duration pollInterval, int batchSize, Duration retention, Duration pruneInterval,
                                Duration initialBackoff, Duration maxBackoff, long lockId) {

    /** "traffic" in ASCII: the advisory lock id every console's relay takes. */
    public static final long DEFAULT_LOCK_ID = 0x74726166666963L;

    public OutboxRelayConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty");
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        producerOverrides = Map.copyOf(Objects.requireNonNull(producerOverrides, "producerOverrides"));
        positive("pollInterval", pollInterval);
        positive("retention", retention);
        positive("pruneInterval", pruneInterval);
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff ("
                    + initialBackoff + ")");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 100000, got " + batchSize);
        }
    }

    /** Poll every 500 ms, 2,000 rows a batch, keep published rows 7 days, back off 200 ms up to 30 s. */
    public static OutboxRelayConfig defaults(String bootstrapServers, String topic) {
        return new OutboxRelayConfig(bootstrapServers, topic, Map.of(), Duration.ofMillis(500), 2_000,
                Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofMillis(200), Duration.ofSeconds(30),
                DEFAULT_LOCK_ID);
    }

    public OutboxRelayConfig withProducerOverrides(Map<String, Object> overrides) {
        return new OutboxRelayConfig(bootstrapServers, topic, overrides, pollInterval, batchSize, retention,
                pruneInterval, initialBackoff, maxBackoff, lockId);
    }

    public OutboxRelayConfig withPollInterval(Duration interval) {
        return new OutboxRelayConfig(bootstrapServers, topic, producerOverrides, interval, batchSize, retention,
                pruneInterval, initialBackoff, maxBackoff, lockId);
    }

    public OutboxRelayConfig withBatchSize(int size) {
        return new OutboxRelayConfig(bootstrapServers, topic, producerOverrides, pollInterval, size, retention,
                pruneInterval, initialBackoff, maxBackoff, lockId);
    }

    public OutboxRelayConfig withRetention(Duration keep, Duration pruneEvery) {
        return new OutboxRelayConfig(bootstrapServers, topic, producerOverrides, pollInterval, batchSize, keep,
                pruneEvery, initialBackoff, maxBackoff, lockId);
    }

    public OutboxRelayConfig withBackoff(Duration initial, Duration max) {
        return new OutboxRelayConfig(bootstrapServers, topic, producerOverrides, pollInterval, batchSize, retention,
                pruneInterval, initial, max, lockId);
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
