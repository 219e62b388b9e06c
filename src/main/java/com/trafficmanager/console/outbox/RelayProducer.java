package com.trafficmanager.console.outbox;

import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.kafka.ProducerTimeouts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's Kafka producer: made when the relay first sends (idempotent, acks=all from
 * {@link KafkaClients}, plus the relay's batching and timeouts, batches no larger than the topic takes
 * ({@link TopicRecordLimit}), and the profile's overrides), dropped
 * when it failed for good, made again on the next send. Turns an outbox row into its record: the
 * row's key and payload, with the {@code event_id} and {@code event_version} headers.
 *
 * <p>Threading: used by the relay thread; {@link #abort()} may be called from the thread that closes
 * the relay, to free a flush that waits for an unreachable broker.
 */
final class RelayProducer {
    private static final Logger LOG = LoggerFactory.getLogger(RelayProducer.class);

    private final OutboxRelayConfig config;
    private final String clientId;
    private volatile Producer<String, byte[]> producer;

    RelayProducer(OutboxRelayConfig config, String clientId) {
        this.config = config;
        this.clientId = clientId;
    }

    /** The producer, made now if there is none. */
    Producer<String, byte[]> get() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            Map<String, Object> defaults = new HashMap<>(ProducerTimeouts.relayDefaults(config.producerOverrides()));
            defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            defaults.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            OptionalInt topicMax = TopicRecordLimit.of(config.bootstrapServers(), config.topic(),
                    config.producerOverrides());
            topicMax.ifPresent(max -> {
                defaults.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.min(1024 * 1024, max));
                defaults.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.min(256 * 1024, max));
            });
            defaults.putAll(config.producerOverrides());
            p = new KafkaProducer<>(KafkaClients.producerProperties(config.bootstrapServers(), defaults));
            producer = p;
        }
        return p;
    }

    ProducerRecord<String, byte[]> record(PendingRow row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(EventHeaders.EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventHeaders.EVENT_VERSION, row.eventVersion().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(config.topic(), null, row.key(), row.payload(), headers);
    }

    /** Waits until every record sent so far is acknowledged or failed (nothing to do without a producer). */
    void flush() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.flush();
        }
    }

    /** Closes the producer (giving it up to 5 s to finish); the next {@link #get()} makes a new one. */
    void close() {
        Producer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("producer close", e);
            }
        }
    }

    /** Closes the producer at once, from another thread: a flush waiting for an unreachable broker returns. */
    void abort() {
        Producer<String, byte[]> p = producer;
        if (p != null) {
            p.close(Duration.ZERO);
        }
    }
}
