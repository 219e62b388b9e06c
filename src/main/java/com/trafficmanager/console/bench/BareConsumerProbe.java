package com.trafficmanager.console.bench;

import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The floor of {@code viewer-ingest}, run in a JVM of its own with the viewer's JVM options: a bare
 * {@code KafkaConsumer} poll loop (no decoding, no UI) reading the first events of the topic from the
 * beginning. Reads them until the JIT settled (not measured), then {@code reads} times, and prints
 * {@code result read_1=... read_2=...} (events/s each) on stdout.
 *
 * <p>In a JVM of its own with the same options, like the viewer, so the ratio compares the console's
 * work and nothing else: inside the benchmark's JVM it would share the heap, the collections and the
 * JIT of the broker and the producer.
 *
 * <p>Arguments: bootstrap servers, topic, events per read, reads.
 */
public final class BareConsumerProbe {
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final long WARM_UP_MAX_MILLIS = 60_000;

    private BareConsumerProbe() {
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        String topic = args[1];
        long events = Long.parseLong(args[2]);
        int reads = Integer.parseInt(args[3]);
        try {
            // not measured: read until the JIT settled, as the viewer is warmed before its reads
            JitWarmUp.repeat(() -> read(bootstrap, topic, events), WARM_UP_MAX_MILLIS);
        } catch (Exception e) {
            throw new IllegalStateException("the bare consumer's warm-up failed", e);
        }
        StringBuilder result = new StringBuilder(ViewerIngestProbe.RESULT);
        for (int i = 1; i <= reads; i++) {
            result.append(String.format(Locale.ROOT, "read_%d=%.1f ", i, read(bootstrap, topic, events)));
        }
        System.out.println(result.toString().trim());
        System.out.flush();
    }

    /** Events/s over one read of the first {@code events} events, from the first record that arrives on. */
    private static double read(String bootstrap, String topic, long events) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClients.consumerProperties(bootstrap, null, Map.of()))) {
            long t0 = System.nanoTime();
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long n = 0;
            long first = 0;
            long firstAt = 0;
            while (n < events) {
                n += c.poll(Duration.ofMillis(200)).count();
                if (firstAt == 0 && n > 0) {
                    first = n;
                    firstAt = System.nanoTime();
                }
                if (System.nanoTime() - t0 > LIMIT_NANOS) {
                    throw new IllegalStateException("the bare consumer read only " + n + " of " + events + " events");
                }
            }
            return (n - first) * 1e9 / (System.nanoTime() - firstAt);
        }
    }
}
