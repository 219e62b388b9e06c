package com.trafficmanager.console.invalidation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The group's lag per partition, from the Kafka Admin API: log-end offset (listOffsets latest) minus
 * committed offset (listConsumerGroupOffsets). Time lag is now minus the timestamp of the oldest
 * unconsumed record, the one at the committed offset, read with {@link OldestRecordProbe}; it is the
 * age of the oldest change the cache has not yet seen. Used by one thread (the sampler's).
 */
public final class LagReader implements AutoCloseable {
    private static final long TIMEOUT_MS = 4_000;
    private static final Duration PROBE_BUDGET = Duration.ofMillis(500);

    private final Admin admin;
    private final String topic;
    private final String group;
    private final OldestRecordProbe probe;
    private final Clock clock;
    private List<TopicPartition> partitions = List.of();
    private int readsSinceDescribe;

    public LagReader(Admin admin, InvalidationConfig config, Clock clock) {
        this.admin = admin;
        this.topic = config.topic();
        this.group = config.groupId();
        this.clock = clock;
        this.probe = new OldestRecordProbe(config.bootstrapServers(), config.kafkaProperties());
    }

    /**
     * @throws LagUnavailableException when Kafka does not answer within a few seconds
     */
    public GroupLag read() throws LagUnavailableException {
        try {
            if (partitions.isEmpty() || ++readsSinceDescribe >= 60) {
                partitions = describe();
                readsSinceDescribe = 0;
            }
            // committed first, then the end: an end read first could be passed by a commit made in between,
            // and a lag clamped to 0 would make Burrow's window see the group as caught up
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (committed.keySet().stream().anyMatch(tp -> tp.topic().equals(topic) && !partitions.contains(tp))) {
                partitions = describe(); // the topic grew: the group already commits on a partition not listed yet
                readsSinceDescribe = 0;
            }
            Map<TopicPartition, Long> end = offsets(OffsetSpec.latest());
            Map<TopicPartition, Long> start = null;
            Map<TopicPartition, Long> from = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = committed.get(tp);
                if (om != null) {
                    from.put(tp, om.offset());
                } else {
                    if (start == null) {
                        start = offsets(OffsetSpec.earliest());
                    }
                    from.put(tp, start.getOrDefault(tp, 0L));
                }
            }
            Map<TopicPartition, Long> lagging = new HashMap<>();
            for (TopicPartition tp : partitions) {
                if (end.getOrDefault(tp, 0L) > from.get(tp)) {
                    lagging.put(tp, from.get(tp));
                }
            }
            Map<TopicPartition, Long> oldest = probe.timestamps(lagging, PROBE_BUDGET);
            Instant now = clock.instant();
            List<PartitionLag> result = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = committed.get(tp);
                long endOffset = end.getOrDefault(tp, 0L);
                long lag = Math.max(0, endOffset - from.get(tp));
                long timeLag = lag == 0 ? 0 : oldest.containsKey(tp) ? Math.max(0, now.toEpochMilli() - oldest.get(tp)) : -1;
                long commitTime = om == null ? -1 : CommitMetadata.committedAt(om.metadata()).orElse(-1);
                result.add(new PartitionLag(tp.partition(), endOffset, om == null ? -1 : om.offset(), lag, timeLag,
                        commitTime));
            }
            return GroupLag.of(now, result);
        } catch (ExecutionException e) {
            throw new LagUnavailableException("Kafka did not answer: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new LagUnavailableException("Kafka did not answer within " + TIMEOUT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagUnavailableException("interrupted", e);
        } catch (RuntimeException e) {
            throw new LagUnavailableException("could not read the lag: " + e, e);
        }
    }

    private List<TopicPartition> describe() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic)
                .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(request).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        info.forEach((tp, i) -> out.put(tp, i.offset()));
        return out;
    }

    @Override
    public void close() {
        probe.close();
    }
}
