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
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
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
 * window, tails the live end for a warm-up that is not measured, then re-seeks every partition to the
 * beginning (as the Start position form does) and measures from there, three times (the figure is
 * the median read), then reads on to the second count; prints one line
 * {@code result ingest_per_s=... ingest_min_per_s=... ingest_max_per_s=... max_pulse_gap_ms=...
 * heap_mb_300k=... heap_mb_1m=... buffered=... warm_up_ms=...} on stdout.
 *
 * <p>Arguments: bootstrap servers, topic, events for the first measurement, events for the second.
 */
public final class ViewerIngestProbe {
    static final String RESULT = "result ";
    private static final long LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);
    /**
     * Reads from the beginning, each after a re-seek; the figure is their median. One read of 300,000
     * events takes under a second, and a single one landed anywhere in a range of a third.
     */
    private static final int READS = 3;
    /** The longest warm-up (see {@link #warmUp}). */
    private static final long WARM_UP_MAX_MILLIS = 60_000;

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
        stream.tail().startAt(StartPosition.latest()); // the warm-up reads the live producer's events
        LiveEventsModel model = new LiveEventsModel(LiveSource.of(stream), PartitionBuffers.DEFAULT_CAPACITY);
        AtomicLong ingested = new AtomicLong(); // since the re-seek to the beginning
        AtomicLong receivedAtSeek = new AtomicLong(-1);
        AtomicBoolean warming = new AtomicBoolean(true);
        AtomicLong maxGap = new AtomicLong();
        AtomicLong lastPulse = new AtomicLong();
        AtomicLong buffered = new AtomicLong();
        AtomicLong firstCount = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        // odd while this probe forces full GCs: a gap that spans one is the probe's, not the viewer's
        AtomicLong gcEpoch = new AtomicLong();
        long[] lastEpoch = {0}; // touched on the JavaFX thread only
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (warming.get()) {
                    return;
                }
                long got = model.receivedProperty().get() - receivedAtSeek.get();
                // gaps count while events flow, except around the full GCs this probe itself forces
                long epoch = gcEpoch.get();
                boolean counts = got > 0 && (epoch & 1) == 0;
                long last = lastPulse.getAndSet(counts ? now : 0);
                boolean sameEpoch = lastEpoch[0] == epoch;
                lastEpoch[0] = epoch;
                if (last != 0 && counts && sameEpoch) {
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
        long warmedMillis = warmUp(); // not measured: an open console has compiled its code and laid out its window
        double[] rates = new double[READS];
        for (int read = 0; read < READS; read++) {
            CompletableFuture<Void> sought = new CompletableFuture<>();
            Platform.runLater(() -> { // as an operator would: Start position "beginning" for all partitions, Apply
                receivedAtSeek.set(model.receivedProperty().get());
                ingested.set(0);
                firstAt.set(0);
                if (!model.applyStartPosition(null, StartPosition.Kind.BEGINNING, "")) {
                    sought.completeExceptionally(new IllegalStateException(model.positionErrorProperty().get()));
                    return;
                }
                warming.set(false);
                sought.complete(null);
            });
            sought.get(60, TimeUnit.SECONDS);
            awaitIngested(ingested, first);
            // from the first events on, as for the bare consumer: the window's and the consumer's start-up are not ingest
            rates[read] = (ingested.get() - firstCount.get()) * 1e9 / (System.nanoTime() - firstAt.get());
        }
        Arrays.sort(rates);
        gcEpoch.incrementAndGet();
        double heapFirst = heapAfterGcMb();
        gcEpoch.incrementAndGet();
        awaitIngested(ingested, second);
        gcEpoch.incrementAndGet();
        long gap = maxGap.get();
        double heapSecond = heapAfterGcMb();
        System.out.println(String.format(Locale.ROOT,
                RESULT + "ingest_per_s=%.1f ingest_min_per_s=%.1f ingest_max_per_s=%.1f max_pulse_gap_ms=%.1f heap_mb_300k=%.1f"
                        + " heap_mb_1m=%.1f buffered=%d warm_up_ms=%d",
                rates[READS / 2], rates[0], rates[READS - 1], gap / 1e6, heapFirst, heapSecond, buffered.get(), warmedMillis));
        System.out.flush();
        stream.close();
        admin.close();
        Platform.exit();
        System.exit(0);
    }

    /**
     * Tails the live end until the JIT compilers have settled ({@link JitWarmUp}'s rule, a second at a
     * time). Hazard: a fixed 3 s was not enough here. The C2 compiler was still compiling the table's CSS
     * (one method alone took 2 s) and the tail's decoding during the measured read, its thread took
     * about 2 s of CPU over a run on a machine with two cores, and the figure measured the JIT as much
     * as the viewer. Settling takes 30-40 s here.
     *
     * @return how long the warm-up took, in ms
     */
    private static long warmUp() throws Exception {
        return JitWarmUp.repeat(() -> Thread.sleep(1_000), WARM_UP_MAX_MILLIS); // the tail runs on meanwhile
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

    /**
     * The heap the full collection left, as the collector reports it per pool: reading the heap's usage
     * afterwards would also count what the tail allocated since (hundreds of MB/s at full rate).
     */
    private static double heapAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used / (1024.0 * 1024.0);
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
