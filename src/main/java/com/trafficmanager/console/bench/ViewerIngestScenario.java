package com.trafficmanager.console.bench;

import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.stream.LiveStream;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.ui.common.Styles;
import com.trafficmanager.console.ui.live.LiveEventsModel;
import com.trafficmanager.console.ui.live.LiveEventsView;
import com.trafficmanager.console.ui.live.LiveSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code viewer-ingest}: 300,000 events pre-filled over 6 partitions plus a live producer at full
 * rate; the Live events tab (the real view, in a real window) tails from the beginning. Measures its
 * ingest rate over the first 300,000 events against a bare KafkaConsumer poll loop reading the same
 * topic under the same load in the same run (the floor), the longest gap between JavaFX pulses while
 * it ingests, and the heap after 300,000 and after 1,000,000 events with the default caps.
 *
 * <p>Needs a display (Xvfb on a server). The heap figures are the whole JVM's, which also hosts the
 * in-process Kafka broker of the sandbox: what matters is that they stay flat from 300,000 to
 * 1,000,000.
 */
public final class ViewerIngestScenario implements BenchScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerIngestScenario.class);
    static final int PREFILL = 300_000;
    static final int LONG_RUN = 1_000_000;
    private static final Duration LIMIT = Duration.ofMinutes(10);

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
                double bare = bareConsumerRate(bootstrap, topic);
                LOG.info("bare consumer: {} events/s", Math.round(bare));
                List<Figure> figures = viewer(bootstrap, topic, admin, bare);
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
            while (n < PREFILL) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    n++;
                    bytes += r.serializedValueSize();
                }
                if (System.nanoTime() - t0 > LIMIT.toNanos()) {
                    throw new IllegalStateException("the bare consumer read only " + n + " events");
                }
            }
            LOG.debug("bare consumer read {} bytes", bytes);
            return n * 1e9 / (System.nanoTime() - t0);
        }
    }

    private List<Figure> viewer(String bootstrap, String topic, Admin admin, double bare) throws Exception {
        startToolkit();
        LiveStream stream = LiveStream.create(bootstrap, Map.of(), topic, admin, "route-cache-invalidator");
        stream.tail().startAt(StartPosition.beginning());
        LiveEventsModel model = new LiveEventsModel(LiveSource.of(stream), PartitionBuffers.DEFAULT_CAPACITY);
        AtomicLong ingested = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong buffered = new AtomicLong();
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long last = lastPulse.getAndSet(now);
                if (last != 0) {
                    maxGap.accumulateAndGet(now - last, Math::max);
                }
                ingested.set(model.receivedProperty().get());
                buffered.set(model.buffers().bufferedTotal());
            }
        };
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        long t0 = System.nanoTime();
        Platform.runLater(() -> {
            LiveEventsView view = new LiveEventsView(model);
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1400, 900);
            scene.getStylesheets().add(ViewerIngestScenario.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.setTitle("viewer-ingest");
            stage.show();
            probe.start();
            view.start();
            stage.setUserData(view);
            shown.complete(stage);
        });
        Stage stage = shown.get(60, TimeUnit.SECONDS);
        List<Figure> figures = new ArrayList<>();
        try {
            awaitIngested(ingested, PREFILL);
            double rate = ingested.get() * 1e9 / (System.nanoTime() - t0);
            double heap300k = heapAfterGcMb();
            LOG.info("viewer: {} events/s over the first {}; heap {} MB; buffered {}", Math.round(rate), PREFILL,
                    Math.round(heap300k), buffered.get());
            awaitIngested(ingested, LONG_RUN);
            double heap1m = heapAfterGcMb();
            LOG.info("viewer: {} events ingested; heap {} MB; buffered {}", ingested.get(), Math.round(heap1m), buffered.get());
            figures.add(Figure.againstFloor("ingest_per_s", rate, "events/s", bare, 0.7));
            figures.add(Figure.withTarget("max_pulse_gap_ms", maxGap.get() / 1e6, "ms", 100));
            figures.add(Figure.withTarget("heap_mb_300k", heap300k, "MB", 300));
            figures.add(Figure.withTarget("heap_mb_1m", heap1m, "MB", 300));
            figures.add(Figure.of("buffered_events", buffered.get(), "events"));
        } finally {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            Platform.runLater(() -> {
                probe.stop();
                ((LiveEventsView) stage.getUserData()).stop();
                stage.hide();
                closed.complete(null);
            });
            closed.get(30, TimeUnit.SECONDS);
            stream.close();
        }
        return figures;
    }

    private static void awaitIngested(AtomicLong ingested, long target) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (ingested.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the viewer ingested only " + ingested.get() + " of " + target + " events");
            }
            Thread.sleep(5); // polling a counter; the figures do not depend on this interval's length
        }
    }

    private static double heapAfterGcMb() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static void startToolkit() throws InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        try {
            Platform.startup(() -> ready.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            ready.complete(null);
        }
        Platform.setImplicitExit(false);
        Platform.runLater(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        try {
            ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("JavaFX did not start (is there a display?): " + e, e);
        }
    }
}
