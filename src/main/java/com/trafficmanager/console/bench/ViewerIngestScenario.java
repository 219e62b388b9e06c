package com.trafficmanager.console.bench;

import com.trafficmanager.console.kafka.KafkaClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code viewer-ingest}: 300,000 events pre-filled over 6 partitions plus a live producer at full
 * rate; the Live events tab (the real view, in a real window, in a JVM of its own as on an operator's
 * workstation: see {@link ViewerIngestProbe}) tails from the beginning, after a warm-up at the live
 * end that is not measured (until its JIT has settled). Measures its ingest rate over the first
 * 300,000 events (from the first one on, for both; the median of three reads) against a bare
 * KafkaConsumer poll loop reading the same events under the same load in the same run (the floor: the
 * median of three reads before the viewer's and three after it, after a first read that is not
 * measured), the longest gap between JavaFX pulses while it ingests, and the heap after 300,000 and
 * after 1,000,000 events with the default caps.
 *
 * <p>Needs a display (Xvfb on a server). The heap figures are the viewer JVM's after a full GC.
 */
public final class ViewerIngestScenario implements BenchScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerIngestScenario.class);
    static final int PREFILL = 300_000;
    static final int LONG_RUN = 1_000_000;
    /** Reads of the bare consumer on each side of the viewer's. */
    private static final int BARE_READS = 3;
    /** The most the heap may grow from 300,000 to 1,000,000 events ingested (see the figure). */
    private static final double HEAP_GROWTH_LIMIT_MB = 50;
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
                List<Double> reads = new ArrayList<>(bareConsumerReads(bootstrap, topic));
                Map<String, Double> viewer = runProbe(ViewerIngestProbe.class, "viewer", bootstrap, topic,
                        Integer.toString(PREFILL), Integer.toString(LONG_RUN));
                reads.addAll(bareConsumerReads(bootstrap, topic));
                // the floor is the median of reads on both sides of the viewer's: one read of 300,000
                // events takes well under a second and varied from 350,000 to 800,000 events/s here
                reads.sort(null);
                double bare = (reads.get(reads.size() / 2 - 1) + reads.get(reads.size() / 2)) / 2;
                List<Figure> figures = new ArrayList<>(figures(viewer, bare));
                figures.add(Figure.of("bare_consumer_min_per_s", reads.get(0), "events/s"));
                figures.add(Figure.of("bare_consumer_max_per_s", reads.get(reads.size() - 1), "events/s"));
                return figures;
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** {@link #BARE_READS} measured reads of the bare consumer, in a JVM of its own: see {@link BareConsumerProbe}. */
    private static List<Double> bareConsumerReads(String bootstrap, String topic) throws Exception {
        Map<String, Double> result = runProbe(BareConsumerProbe.class, "bare consumer", bootstrap, topic,
                Integer.toString(PREFILL), Integer.toString(BARE_READS));
        return List.copyOf(result.values());
    }

    /**
     * Runs a probe's {@code main} in a JVM of its own with the console's JVM options, as on an operator's
     * workstation (the broker is elsewhere), and returns the figures of its {@code result} line.
     */
    private static Map<String, Double> runProbe(Class<?> main, String what, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(StartupScenario.javaExecutable());
        command.addAll(CONSOLE_JAVA_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process probe = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Double> result = new java.util.HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                LOG.info("{}: {}", what, line);
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
            throw new IllegalStateException("the " + what + " process did not report its figures");
        }
        return result;
    }

    private static List<Figure> figures(Map<String, Double> result, double bare) {
        return List.of(
                Figure.againstFloor("ingest_per_s", result.get("ingest_per_s"), "events/s", bare, 0.7 * bare),
                Figure.of("ingest_min_per_s", result.get("ingest_min_per_s"), "events/s"),
                Figure.of("ingest_max_per_s", result.get("ingest_max_per_s"), "events/s"),
                Figure.withTarget("max_pulse_gap_ms", result.get("max_pulse_gap_ms"), "ms", 100),
                Figure.withTarget("heap_mb_300k", result.get("heap_mb_300k"), "MB", 300),
                Figure.withTarget("heap_mb_1m", result.get("heap_mb_1m"), "MB", 300),
                // "no growth": what is in flight when the heap is read (up to 50,000 events queued) moves it by
                // tens of MB either way; more than that between 300,000 and 1,000,000 events would be a leak
                Figure.withTarget("heap_growth_mb", result.get("heap_mb_1m") - result.get("heap_mb_300k"), "MB",
                        HEAP_GROWTH_LIMIT_MB),
                Figure.of("buffered_events", result.get("buffered"), "events"),
                Figure.of("viewer_warm_up_ms", result.get("warm_up_ms"), "ms"));
    }
}
