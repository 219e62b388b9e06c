package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the consumer once per tick on a thread of its own: counters, events/s, the group's lag from
 * the Admin API (read on a second thread at the same interval: a Kafka that does not answer delays the
 * lag, not the counters), and the Burrow status of each partition over a sliding window of samples. Each tick
 * hands ONE {@link InvalidationSnapshot} to the listener, so a UI updates once per tick whatever the
 * record rate. The lag is the group's, so it shows even while this console's consumer is stopped.
 *
 * <p>Hazard: the window spans {@code windowSize - 1} ticks. STOP fires when no commit came for longer
 * than that; the consumer re-commits at least every {@link InvalidationConfig#keepAliveCommit()} while
 * paused, which must stay well inside the span.
 */
public final class InvalidationMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationMonitor.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final int DEFAULT_WINDOW = 20;

    private final InvalidationConsumer consumer;
    private final LagReader lagReader;
    private final Duration interval;
    private final int windowSize;
    private final Clock clock;
    private final Map<Integer, PartitionWindow> windows = new HashMap<>();
    private final ScheduledExecutorService scheduler;
    /** The lag is read on a thread of its own: an Admin call may wait seconds for a Kafka that is away. */
    private final ScheduledExecutorService lagScheduler;
    private volatile boolean started;
    private volatile LagView lastLag = new LagView(null, "being read", Map.of(), LagStatus.OK);
    private volatile Consumer<InvalidationSnapshot> listener = s -> { };
    private long lastProcessed = -1;
    private long lastNanos;

    public InvalidationMonitor(InvalidationConsumer consumer, LagReader lagReader, Duration interval, int windowSize,
                               Clock clock) {
        if (windowSize < 2) {
            throw new IllegalArgumentException("windowSize must be at least 2, got " + windowSize);
        }
        this.consumer = consumer;
        this.lagReader = lagReader;
        this.interval = interval;
        this.windowSize = windowSize;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("invalidation-monitor"));
        this.lagScheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("invalidation-lag"));
    }


    /** The group's lag and its Burrow statuses as last read. */
    private record LagView(GroupLag lag, String error, Map<Integer, LagStatus> statuses, LagStatus group) {
    }

    public void onSnapshot(Consumer<InvalidationSnapshot> listener) {
        this.listener = listener;
    }

    /**
     * Samples once per interval; the lag is read on its own thread at the same interval, so while Kafka
     * does not answer the counters and the consumer's state still show every interval.
     */
    public void start() {
        started = true;
        lagScheduler.scheduleWithFixedDelay(() -> {
            try {
                lastLag = readLag();
            } catch (RuntimeException e) {
                LOG.warn("reading the invalidation group's lag failed: {}", e.toString());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Forgets the lag windows and the rate base (after "Reset counters"). */
    public void resetWindows() {
        lagScheduler.execute(() -> { // after a lag read under way, never waiting for it on the caller's thread
            synchronized (windows) {
                windows.clear();
            }
        });
        scheduler.execute(() -> lastProcessed = -1);
    }

    private void tick() {
        try {
            listener.accept(sample());
        } catch (RuntimeException e) {
            LOG.warn("invalidation sampling failed: {}", e.toString());
        }
    }

    /** Takes one sample now; on the monitor's thread when started, or on the caller's (tests) when not. */
    public synchronized InvalidationSnapshot sample() {
        CounterSnapshot counters = consumer.counters().snapshot();
        long nowNanos = System.nanoTime();
        double rate = 0;
        long processed = counters.total().processed();
        if (lastProcessed >= 0 && processed >= lastProcessed && nowNanos > lastNanos) {
            rate = (processed - lastProcessed) / ((nowNanos - lastNanos) / 1e9);
        }
        lastProcessed = processed;
        lastNanos = nowNanos;
        LagView lag = started ? lastLag : readLag(); // not started (tests): read now, on the caller's thread
        List<ProcessedEvent> recent = consumer.recent().snapshot();
        return new InvalidationSnapshot(Instant.now(clock), consumer.state(), consumer.stateDetail(),
                consumer.assignedPartitions(), counters, rate, lag.lag(), lag.error(), lag.statuses(), lag.group(),
                recent, consumer.crashArmed(), consumer.lastCrashUncommitted(), consumer.pauseRequested());
    }

    /** Reads the lag and moves every partition's Burrow window on by that read. */
    private LagView readLag() {
        synchronized (windows) {
            Map<Integer, LagStatus> statuses = new HashMap<>();
            LagStatus group = LagStatus.OK;
            try {
                GroupLag lag = lagReader.read();
                long nowMs = clock.millis();
                for (PartitionLag p : lag.partitions()) {
                    // the position the lag counts from: the committed offset, or the log start where the group
                    // has none (not 0: a partition whose old records are gone would look stalled for ever)
                    long position = p.endOffset() - p.lag();
                    LagStatus s = windows.computeIfAbsent(p.partition(),
                                    k -> new PartitionWindow(windowSize, (windowSize - 1) * interval.toMillis()))
                            .add(position, p.endOffset(), p.commitTimeMs(), nowMs);
                    statuses.put(p.partition(), s);
                    group = group.worse(s);
                }
                return new LagView(lag, null, statuses, group);
            } catch (LagUnavailableException e) {
                windows.values().forEach(PartitionWindow::gap);
                return new LagView(null, e.getMessage(), Map.of(), LagStatus.OK);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        lagScheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            lagScheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lagReader.close();
    }
}
