package com.trafficmanager.console.bench;

import com.trafficmanager.console.kafka.KafkaClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code viewer-ingest}: 300,000 events pre-filled over 6 partitions plus a live producer at full
 * rate; the Live events tab (the real view, in a real window, in a JVM of its own as on an operator's
 * workstation: see {@link ViewerIngestProbe}) tails from the beginning, after a warm-up at the live
 * end that is not measured. Measures its ingest rate over the first 300,000 events (from the first
 * one on, for both; the bare consumer also reads them once before the measured read) against a bare
 * KafkaConsumer poll loop reading the same topic under the same load in the same run (the floor), the longest gap between JavaFX pulses while
 * it ingests, and the heap after 300,000 and after 1,000,000 events with the default caps.
 *
 * <p>Needs a display (Xvfb on a server). The heap figures are the viewer JVM's after a full GC.
 */
public final class ViewerIngestScenario implements BenchScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerIngestScenario.class);
    static final int PREFILL = 300_000;
    static final int LONG_RUN = 1_000_000;
    private static final Duration LIMIT = Duration.ofMinutes(10);
    /**
     * The installed console's JVM options (the {@code --java-options} of packaging/&lt;os&gt;/jpackage.args;
     * PackagingArgsTest keeps them equal), so the viewer is measured as operators run it. G1 with a
     * 50 ms pause goal: the tail's garbage at full rate made the serial collector's pauses the
     * longest gaps between frames.
     */
    static final List<String> CONSOLE_JAVA_OPTIONS = List.of("-Xms64m", "-Xmx1g", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=50");

    @Override
    public String name() {
        return "viewer-ingest";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        String bootstrap = context.sandbox().endpoints().kafkaBootstrap();
        String topic = "bench-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(KafkaClients.adminProperties(bootstrap, Map.of()))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try (ViewerFeed feed = new ViewerFeed(bootstrap, topic)) {
                feed.prefill(PREFILL);
                LOG.info("pre-filled {} events on {}", PREFILL, topic);
                feed.startLive();
                bareConsumerRate(bootstrap, topic); // not measured: warms it up as the viewer's warm-up does
                double bare = bareConsumerRate(bootstrap, topic);
                LOG.info("bare consumer: {} events/s", Math.round(bare));
                List<Figure> figures = viewer(bootstrap, topic, bare);
                return figures;
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Events/s of a bare poll loop (no decoding, no UI) reading the first PREFILL events from the beginning. */
    private static double bareConsumerRate(String bootstrap, String topic) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(KafkaClients.consumerProperties(bootstrap, null, Map.of()))) {
            long t0 = System.nanoTime();
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            long n = 0;
            long bytes = 0;
            long first = 0;
            long firstAt = 0;
            while (n < PREFILL) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    n++;
                    bytes += r.serializedValueSize();
                }
                if (firstAt == 0 && n > 0) {
                    first = n;
                    firstAt = System.nanoTime();
                }
                if (System.nanoTime() - t0 > LIMIT.toNanos()) {
                    throw new IllegalStateException("the bare consumer read only " + n + " events");
                }
            }
            LOG.debug("bare consumer read {} bytes, first records after {} ms", bytes, (firstAt - t0) / 1_000_000);
            return (n - first) * 1e9 / (System.nanoTime() - firstAt);
        }
    }

    /** Runs the viewer in a JVM of its own, as on an operator's workstation (the broker is elsewhere). */
    private List<Figure> viewer(String bootstrap, String topic, double bare) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CONSOLE_JAVA_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ViewerIngestProbe.class.getName(),
                bootstrap, topic, Integer.toString(PREFILL), Integer.toString(LONG_RUN)));
        Process probe = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> result = new java.util.HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                LOG.info("viewer: {}", line);
                if (line.startsWith(ViewerIngestProbe.RESULT)) {
                    for (String kv : line.substring(ViewerIngestProbe.RESULT.length()).trim().split(" ")) {
                        String[] p = kv.split("=");
                        result.put(p[0], Double.parseDouble(p[1]));
                    }
                }
            }
        }
        if (!probe.waitFor(60, TimeUnit.SECONDS) || probe.exitValue() != 0 || result.isEmpty()) {
            probe.destroyForcibly();
            throw new IllegalStateException("the viewer process did not report its figures");
        }
        return List.of(
                Figure.againstFloor("ingest_per_s", result.get("ingest_per_s"), "events/s", bare, 0.7),
                Figure.withTarget("max_pulse_gap_ms", result.get("max_pulse_gap_ms"), "ms", 100),
                Figure.withTarget("heap_mb_300k", result.get("heap_mb_300k"), "MB", 300),
                Figure.withTarget("heap_mb_1m", result.get("heap_mb_1m"), "MB", 300),
                Figure.of("buffered_events", result.get("buffered"), "events"));
    }
}
