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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;

/**
 * The viewer side of {@code viewer-ingest}, run in a JVM of its own: opens the Live events view in a
 * window, tails the topic from the beginning, and prints one line {@code result ingest_per_s=...
 * max_pulse_gap_ms=... heap_mb_300k=... heap_mb_1m=... buffered=...} on stdout.
 *
 * <p>Arguments: bootstrap servers, topic, events for the first measurement, events for the second.
 */
public final class ViewerIngestProbe {
    static final String RESULT = "result ";
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);

    private ViewerIngestProbe() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long first = Long.parseLong(args[2]);
        long second = Long.parseLong(args[3]);
        startToolkit();
        Admin admin = Admin.create(KafkaClients.adminProperties(bootstrap, Map.of()));
        LiveStream stream = LiveStream.create(bootstrap, Map.of(), topic, admin, "route-cache-invalidator");
        stream.tail().startAt(StartPosition.beginning());
        LiveEventsModel model = new LiveEventsModel(LiveSource.of(stream), PartitionBuffers.DEFAULT_CAPACITY);
        AtomicLong ingested = new AtomicLong();
        AtomicLong maxGap = new AtomicLong();
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong buffered = new AtomicLong();
        AtomicLong firstCount = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicBoolean gcByTheBench = new AtomicBoolean();
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long got = model.receivedProperty().get();
                // gaps count while events flow, except around the full GCs this probe itself forces
                long last = lastPulse.getAndSet(got > 0 && !gcByTheBench.get() ? now : 0);
                if (last != 0 && !gcByTheBench.get()) {
                    maxGap.accumulateAndGet(now - last, Math::max);
                }
                if (firstAt.get() == 0 && got > 0) {
                    firstCount.set(got);
                    firstAt.set(System.nanoTime());
                }
                ingested.set(got);
                buffered.set(model.buffers().bufferedTotal());
            }
        };
        CompletableFuture<Stage> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            LiveEventsView view = new LiveEventsView(model);
            Stage stage = new Stage();
            Scene scene = new Scene(view, 1400, 900);
            scene.getStylesheets().add(ViewerIngestProbe.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.setTitle("viewer-ingest");
            stage.show();
            probe.start();
            view.start();
            shown.complete(stage);
        });
        shown.get(60, TimeUnit.SECONDS);
        awaitIngested(ingested, first);
        // from the first events on, as for the bare consumer: the window's and the consumer's start-up are not ingest
        double rate = (ingested.get() - firstCount.get()) * 1e9 / (System.nanoTime() - firstAt.get());
        gcByTheBench.set(true);
        double heapFirst = heapAfterGcMb();
        gcByTheBench.set(false);
        awaitIngested(ingested, second);
        gcByTheBench.set(true);
        long gap = maxGap.get();
        double heapSecond = heapAfterGcMb();
        System.out.println(String.format(Locale.ROOT,
                RESULT + "ingest_per_s=%.1f max_pulse_gap_ms=%.1f heap_mb_300k=%.1f heap_mb_1m=%.1f buffered=%d",
                rate, gap / 1e6, heapFirst, heapSecond, buffered.get()));
        System.out.flush();
        stream.close();
        admin.close();
        Platform.exit();
        System.exit(0);
    }

    private static void awaitIngested(AtomicLong ingested, long target) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (ingested.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the viewer ingested only " + ingested.get() + " of " + target + " events");
            }
            Thread.sleep(5); // polling a counter; the figures do not depend on this interval
        }
    }

    private static double heapAfterGcMb() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static void startToolkit() throws Exception {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Platform.startup(() -> ready.complete(null));
        Platform.setImplicitExit(false);
        ready.get(30, TimeUnit.SECONDS);
        Platform.runLater(() -> Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
    }
}
