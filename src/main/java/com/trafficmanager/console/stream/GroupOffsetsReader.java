package com.trafficmanager.console.stream;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, every few seconds on its own thread, the offsets the cache-invalidation consumer group has
 * committed on the topic (Admin {@code listConsumerGroupOffsets}): read-only, it joins no group. The
 * latest snapshot is there to take at any time; a partition the group has not committed is absent.
 */
public final class GroupOffsetsReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupOffsetsReader.class);

    /**
     * Committed offsets per partition (empty when the group has none), the log-end offsets read right
     * after them (the lag is their difference: both from one moment, not from reads seconds apart), and the
     * last error if reading failed (the offsets are then the last ones read, and no lag is known).
     */
    public record Snapshot(Map<Integer, Long> committed, Map<Integer, Long> endAtRead, String error) {
        public static final Snapshot NONE = new Snapshot(Map.of(), Map.of(), null);

        public Snapshot {
            committed = Map.copyOf(committed);
            endAtRead = Map.copyOf(endAtRead);
        }
    }

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Duration interval;
    private volatile Snapshot snapshot = Snapshot.NONE;
    private ScheduledExecutorService executor;

    public GroupOffsetsReader(Admin admin, String group, String topic, Duration interval) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.interval = interval;
    }

    public String group() {
        return group;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("group-offsets-" + group));
        executor.scheduleWithFixedDelay(this::readOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** One read; the scheduler calls it, tests may too. */
    public void readOnce() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<Integer, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null && tp.topic().equals(topic)) {
                    committed.put(tp.partition(), om.offset());
                    ends.put(tp, OffsetSpec.latest());
                }
            });
            Map<Integer, Long> endAtRead = new HashMap<>();
            if (!ends.isEmpty()) { // after the committed offsets: a commit in between cannot pass the end
                admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS)
                        .forEach((tp, info) -> endAtRead.put(tp.partition(), info.offset()));
            }
            snapshot = new Snapshot(committed, endAtRead, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (snapshot.error() == null) {
                LOG.warn("reading the committed offsets of group {}: {}", group, reason);
            }
            snapshot = new Snapshot(snapshot.committed(), Map.of(), reason);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
