package com.trafficmanager.console.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the live tail reads each partition: which partitions are assigned, where each starts (the
 * start position, a seek command, or the beginning for a partition that appears later), and which
 * offset each should give next. Kept apart from {@link EventTail}, which runs the consumer and hands
 * the batches over; every positioning also forgets the offset expected next, so the two live together.
 *
 * <p>Threads: {@link #startAt}, {@link #seek} (a concurrent queue) and {@link #partitions()} (volatile)
 * may be used from any thread; everything else runs on the tail's thread only, with the consumer that
 * only that thread touches, passed in on each call.
 *
 * <p>Hazard: an offset past the end would be "out of range" and reset to the beginning, so explicit
 * offsets are clamped to the partition's [log start, end] first. A partition counts as assigned only
 * once it is positioned, and a seek command leaves the queue only once applied, so a call that fails
 * part way is done again on the next round. Logs under {@link EventTail}'s name, as before the split.
 */
final class TailPositions {
    private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

    private record Seek(Integer partition, StartPosition position) {
    }

    private final String topic;
    private final TailSettings settings;
    private final ConcurrentLinkedQueue<Seek> commands = new ConcurrentLinkedQueue<>();
    private volatile List<Integer> partitions = List.of();
    private volatile StartPosition initial = StartPosition.latest();

    // tail thread only
    private final Set<TopicPartition> assigned = new java.util.LinkedHashSet<>();
    private final Map<Integer, Long> nextOffsets = new HashMap<>(); // per partition, after the last record read

    TailPositions(String topic, TailSettings settings) {
        this.topic = topic;
        this.settings = settings;
    }

    /** Where every partition starts when the tail first assigns them; any thread. */
    void startAt(StartPosition position) {
        initial = position;
    }

    /** Leaves a seek command for the tail's thread; any thread. The caller wakes the consumer. */
    void seek(Integer partition, StartPosition position) {
        commands.add(new Seek(partition, position));
    }

    /** The partitions of the topic, as last discovered; any thread. */
    List<Integer> partitions() {
        return partitions;
    }

    /** The partitions assigned and positioned: the set itself, for the tail's thread only, not to be changed. */
    Set<TopicPartition> assigned() {
        return assigned;
    }

    /** Notes that {@code partition} should give {@code nextOffset} next; returns what it expected before, or null. */
    Long advance(int partition, long nextOffset) {
        return nextOffsets.put(partition, nextOffset);
    }

    void discover(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, settings.requestTimeout());
        if (infos == null || infos.isEmpty()) {
            throw new TopicNotFoundException(topic);
        }
        Set<TopicPartition> found = new java.util.LinkedHashSet<>();
        infos.forEach(i -> found.add(new TopicPartition(topic, i.partition())));
        if (found.equals(assigned)) {
            return;
        }
        List<TopicPartition> added = found.stream().filter(tp -> !assigned.contains(tp)).toList();
        boolean first = assigned.isEmpty();
        c.assign(found);
        // positioned before they count as assigned: if this fails (a timeout while the broker restarts, a
        // seek's wakeup), the next discovery starts over, with the start position still to apply
        position(c, added, first ? initial : StartPosition.beginning());
        added.forEach(tp -> nextOffsets.remove(tp.partition()));
        assigned.clear();
        assigned.addAll(found);
        Set<Integer> numbers = new TreeSet<>();
        assigned.forEach(tp -> numbers.add(tp.partition()));
        partitions = List.copyOf(numbers);
        if (!first) {
            LOG.info("topic {} has new partitions {}", topic, added);
        }
    }

    /**
     * Applies the seek commands left so far, in order. {@code repositioned} is told the partitions of each
     * command as soon as they are positioned (before the next command), so the tail drops what it still
     * holds of them.
     */
    void applyCommands(KafkaConsumer<String, byte[]> c, Consumer<List<Integer>> repositioned) {
        Seek seek;
        while ((seek = commands.peek()) != null) { // removed only once applied: a failed seek is tried again
            List<TopicPartition> targets = new ArrayList<>();
            for (TopicPartition tp : assigned) {
                if (seek.partition() == null || seek.partition() == tp.partition()) {
                    targets.add(tp);
                }
            }
            if (seek.partition() == null) {
                initial = seek.position();
            }
            if (targets.isEmpty()) {
                commands.poll();
                continue;
            }
            position(c, targets, seek.position());
            targets.forEach(tp -> nextOffsets.remove(tp.partition()));
            commands.poll();
            List<Integer> reset = targets.stream().map(TopicPartition::partition).toList();
            repositioned.accept(reset);
            LOG.info("live tail of {}: partitions {} now read from {}", topic, reset, seek.position());
        }
    }

    private void position(KafkaConsumer<String, byte[]> c, List<TopicPartition> tps, StartPosition start) {
        if (tps.isEmpty()) {
            return;
        }
        Duration timeout = settings.requestTimeout();
        switch (start.kind()) {
            case LATEST -> c.seekToEnd(tps);
            case BEGINNING -> c.seekToBeginning(tps);
            case OFFSET -> {
                Map<TopicPartition, Long> first = c.beginningOffsets(tps, timeout);
                Map<TopicPartition, Long> end = c.endOffsets(tps, timeout);
                for (TopicPartition tp : tps) {
                    long clamped = Math.max(first.getOrDefault(tp, 0L), Math.min(start.offset(), end.getOrDefault(tp, 0L)));
                    c.seek(tp, clamped);
                }
            }
            case TIMESTAMP -> {
                Map<TopicPartition, Long> query = new HashMap<>();
                long at = Math.max(0, start.timestamp().toEpochMilli()); // Kafka refuses a time before 1970
                tps.forEach(tp -> query.put(tp, at));
                var found = c.offsetsForTimes(query, timeout);
                List<TopicPartition> none = new ArrayList<>();
                for (TopicPartition tp : tps) {
                    var o = found.get(tp);
                    if (o == null) {
                        none.add(tp); // nothing at or after that time yet: wait at the end
                    } else {
                        c.seek(tp, o.offset());
                    }
                }
                if (!none.isEmpty()) {
                    c.seekToEnd(none);
                }
            }
        }
        for (TopicPartition tp : tps) {
            c.position(tp, timeout); // resolve now, so records produced after the command are included
        }
    }

    /** Kafka answered, and the topic has no partitions there (not created, or deleted). */
    static final class TopicNotFoundException extends KafkaException {
        TopicNotFoundException(String topic) {
            super("topic '" + topic + "' not found in Kafka");
        }
    }
}
