package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.kafka.KafkaClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes malformed records, unchanged, to the dead-letter topic with the reason and where they came
 * from in headers ({@code dlq_reason}, {@code dlq_source_topic}, {@code dlq_source_partition},
 * {@code dlq_source_offset}). {@link #flush} before committing past them, so a copy the topic took is
 * not lost. A copy it did not take is counted as an error and logged with where the record sits, and
 * the partition moves on all the same: the invalidations behind a malformed record matter more than
 * its copy, which the source topic keeps until its retention. Used by the consumer thread only.
 *
 * <p>The topic is written only while it exists: creating it is how an operator turns the dead-letter
 * copies on, and a producer would ask the broker to create it. Whether it exists is asked when a
 * malformed record comes and the last answer is older than a minute, so a topic made while the console
 * runs, or one Kafka could not be asked about (away when the session opened), is found without a
 * restart. A record that comes while the topic is not there is only counted as malformed and logged.
 */
final class DlqWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DlqWriter.class);
    static final String REASON = "dlq_reason";
    static final String SOURCE_TOPIC = "dlq_source_topic";
    static final String SOURCE_PARTITION = "dlq_source_partition";
    static final String SOURCE_OFFSET = "dlq_source_offset";

    private final String topic;
    private final Map<String, Object> producerProps;
    /** Made when first needed, and again after one refused a send outright (consumer thread only). */
    private KafkaProducer<String, byte[]> producer;
    private final AtomicInteger failed = new AtomicInteger();
    private static final long COOL_DOWN_NANOS = 60_000_000_000L;
    /** Until when sends are skipped after one timed out (set from the producer's thread too). */
    private volatile long unavailableUntilNanos;
    private final TopicLookup lookup;
    private final LongSupplier nanoClock;
    /** The last answer to "does the topic exist?"; null when it must be asked (again) before a send. */
    private volatile Boolean exists;
    private long askAgainAtNanos;

    /** Tells whether a topic exists; throws when Kafka could not say (unreachable, not authorised). */
    @FunctionalInterface
    interface TopicLookup {
        boolean exists(String topic);
    }

    DlqWriter(InvalidationConfig config, TopicLookup lookup) {
        this(config, lookup, System::nanoTime);
    }

    DlqWriter(InvalidationConfig config, TopicLookup lookup, LongSupplier nanoClock) {
        this.lookup = lookup;
        this.nanoClock = nanoClock;
        this.unavailableUntilNanos = nanoClock.getAsLong();
        this.askAgainAtNanos = unavailableUntilNanos;
        this.topic = config.dlqTopic();
        Map<String, Object> props = new HashMap<>(KafkaClients.producerProperties(config.bootstrapServers(),
                config.kafkaProperties()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producerProps = props;
    }

    void send(ConsumerRecord<String, byte[]> record, String reason) {
        if (nanoClock.getAsLong() - unavailableUntilNanos < 0) {
            failed.incrementAndGet(); // counted as an error; the record itself is skipped and logged as malformed
            return;
        }
        if (!topicExists(record)) {
            return;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON, utf8(reason));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(producerProps);
            }
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers), callback(record));
        } catch (RuntimeException e) { // refused before it left (a producer in a fatal state): not the consumer's end
            failed.incrementAndGet();
            LOG.error("could not write the malformed record {}-{}@{} to {}: {}; a new producer is tried in {} s",
                    record.topic(), record.partition(), record.offset(), topic, e.toString(),
                    COOL_DOWN_NANOS / 1_000_000_000L);
            closeProducer();
            unavailableUntilNanos = nanoClock.getAsLong() + COOL_DOWN_NANOS;
        }
    }

    /** Asks Kafka when the last answer is a minute old or was lost; false skips the copy (not an error). */
    private boolean topicExists(ConsumerRecord<String, byte[]> record) {
        long now = nanoClock.getAsLong();
        Boolean known = exists;
        if (known != null && (known || now - askAgainAtNanos < 0)) {
            return known;
        }
        boolean answer;
        try {
            answer = lookup.exists(topic);
        } catch (org.apache.kafka.common.errors.WakeupException | org.apache.kafka.common.errors.InterruptException e) {
            throw e; // a stop: not Kafka's failure
        } catch (org.apache.kafka.common.errors.TopicAuthorizationException e) {
            // a principal that may not describe it cannot write it either: no dead-letter topic for this console
            if (!Boolean.FALSE.equals(known)) {
                LOG.warn("this console may not describe the dead-letter topic {} (no ACL for it): malformed records are"
                        + " only counted and logged", topic);
            }
            answer = false;
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            exists = null;
            unavailableUntilNanos = now + COOL_DOWN_NANOS;
            LOG.error("could not tell whether the dead-letter topic {} exists ({}); the malformed record {}-{}@{} is"
                            + " only counted and logged, and so are those of the next {} s", topic, e.toString(),
                    record.topic(), record.partition(), record.offset(), COOL_DOWN_NANOS / 1_000_000_000L);
            return false;
        }
        if (!Boolean.valueOf(answer).equals(known)) {
            LOG.info(answer ? "dead-letter topic {} found: malformed records are copied to it"
                    : "there is no dead-letter topic {}: malformed records are only counted and logged (asked again"
                    + " in a minute when one comes)", topic);
        }
        exists = answer;
        askAgainAtNanos = now + COOL_DOWN_NANOS;
        return answer;
    }

    private org.apache.kafka.clients.producer.Callback callback(ConsumerRecord<String, byte[]> record) {
        return (md, ex) -> {
            if (ex != null) {
                failed.incrementAndGet();
                LOG.error("could not write the malformed record {}-{}@{} to {}: {}", record.topic(), record.partition(),
                        record.offset(), topic, ex.toString());
                if (ex instanceof TimeoutException) {
                    // the topic is gone or the broker unreachable: each further send would block the consumer's
                    // thread for max.block.ms, and enough of them would cost it its place in the group; after the
                    // cool-down the topic is looked for before the next send
                    exists = null;
                    unavailableUntilNanos = nanoClock.getAsLong() + COOL_DOWN_NANOS;
                    LOG.error("dead-letter topic {} unavailable; malformed records are only counted and logged for the"
                            + " next {} s", topic, COOL_DOWN_NANOS / 1_000_000_000L);
                }
            }
        };
    }

    /** Waits until everything sent so far is acknowledged or failed; returns how many failed since the last call. */
    int flush() {
        if (producer != null) {
            producer.flush();
        }
        return failed.getAndSet(0);
    }

    String topic() {
        return topic;
    }

    @Override
    public void close() {
        closeProducer();
    }

    private void closeProducer() {
        KafkaProducer<String, byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("closing the dead-letter producer: {}", e.toString());
            }
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
