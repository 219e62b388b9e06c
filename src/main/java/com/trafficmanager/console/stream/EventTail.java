package com.trafficmanager.console.stream;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.text.FailureText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tail of one topic: its own consumer, {@code assign()}ed to every partition, with no group
 * and no commits, so it never changes anything on the cluster (it does not even auto-create the
 * topic). It decodes each record once and hands the events to a {@link TailQueue} in poll order.
 *
 * <p>The consumer lives on exactly one thread, made by {@link #start()}; other threads only leave
 * commands ({@link #seek}) and call {@code wakeup()} so a poll returns at once. Partitions are
 * discovered again every {@code discoveryInterval}; partitions that appear later are read from
 * their beginning (everything in them is new). When Kafka goes away the tail shows it in
 * {@link #status()}, backs off and retries; the consumer keeps its positions, so reading resumes
 * exactly where it was.
 *
 * <p>Hazard: an offset past the end would be "out of range" and reset to the beginning, so explicit
 * offsets are clamped to the partition's [log start, end] first. A partition whose offsets go back
 * without a seek of ours (the topic was deleted and created again, or an unclean leader election cut
 * its log) is read on from where the consumer reset it, and the batch says to empty its buffer first:
 * what is buffered no longer follows on, and its offsets would show twice.
 */
public final class EventTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

    private record Seek(Integer partition, StartPosition position) {
    }

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final TailQueue queue;
    private final TailSettings settings;
    private final ConcurrentLinkedQueue<Seek> commands = new ConcurrentLinkedQueue<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile TailStatus status = TailStatus.of(TailStatus.State.NOT_STARTED, "not started");
    private volatile EndOffsets endOffsets = EndOffsets.NONE;
    private volatile List<Integer> partitions = List.of();
    private volatile StartPosition initial = StartPosition.latest();
    private Thread thread;

    // tail thread only
    private final Set<TopicPartition> assigned = new java.util.LinkedHashSet<>();
    private final Map<Integer, Long> nextOffsets = new HashMap<>(); // per partition, after the last record read
    private TailBatch pending;
    private long nextDiscovery;
    private long nextEndOffsets;
    private Duration backoff;

    /**
     * @param consumerProperties from {@code KafkaClients.consumerProperties(bootstrap, null, extra)}: no group id
     */
    public EventTail(Map<String, Object> consumerProperties, String topic, TailQueue queue, TailSettings settings) {
        if (consumerProperties.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
            throw new IllegalArgumentException("the live tail must not have a group id: it commits nothing");
        }
        Map<String, Object> p = new HashMap<>(consumerProperties);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "traffic-console-live-tail");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerProperties = Map.copyOf(p);
        this.topic = topic;
        this.queue = queue;
        this.settings = settings;
        this.backoff = settings.minBackoff();
    }

    /**
     * Told of every record's event id as the tail reads it (from the {@code event_id} header, without
     * parsing the value), on the tail's thread: for the change trace. Must be quick and never block.
     */
    public interface SeenListener {
        void seen(String eventId, int partition, long offset);
    }

    private volatile SeenListener seenListener;

    public void onSeen(SeenListener listener) {
        this.seenListener = listener;
    }

    public String topic() {
        return topic;
    }

    public TailQueue queue() {
        return queue;
    }

    /** Where every partition starts when the tail first assigns them; call before {@link #start()}. */
    public void startAt(StartPosition position) {
        initial = position;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        status = TailStatus.of(TailStatus.State.CONNECTING, "connecting to Kafka");
        thread = DaemonThreads.start("live-tail-" + topic, this::run);
    }

    public boolean started() {
        return thread != null;
    }

    /** Re-seeks one partition ({@code partition} not null) or all of them, at once, without a restart. */
    public void seek(Integer partition, StartPosition position) {
        commands.add(new Seek(partition, position));
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    public TailStatus status() {
        return status;
    }

    /** The partitions of the topic, as last discovered. */
    public List<Integer> partitions() {
        return partitions;
    }

    /** Log-end offsets per partition with when they were read, refreshed every {@code endOffsetsInterval}. */
    public EndOffsets endOffsets() {
        return endOffsets;
    }

    private void run() {
        try {
            while (running) {
                KafkaConsumer<String, byte[]> c;
                try {
                    c = new KafkaConsumer<>(consumerProperties);
                } catch (RuntimeException e) {
                    // e.g. no bootstrap host resolves (DNS or a VPN down as the tab opens): shown and retried
                    failed(e);
                    continue;
                }
                try (c) {
                    consumer = c;
                    poll(c);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("live tail of {} stopped", topic, e);
        } finally {
            consumer = null;
            status = TailStatus.of(TailStatus.State.STOPPED, "stopped");
        }
    }

    private void poll(KafkaConsumer<String, byte[]> c) {
        while (running) {
            try {
                step(c);
            } catch (WakeupException e) {
                // a seek command or close: go round
            } catch (InterruptException e) {
                running = false;
            } catch (RuntimeException e) {
                // Kafka unreachable, and anything unforeseen too: shown, retried with backoff, never the end
                failed(e);
            }
        }
    }

    private void step(KafkaConsumer<String, byte[]> c) throws WakeupException {
        long now = System.nanoTime();
        if (assigned.isEmpty() || now >= nextDiscovery) {
            discover(c);
            nextDiscovery = now + settings.discoveryInterval().toNanos();
        }
        applyCommands(c);
        if (System.nanoTime() >= nextEndOffsets) {
            refreshEndOffsets(c);
        }
        if (pending != null && !handOver()) {
            return;
        }
        ConsumerRecords<String, byte[]> records = c.poll(settings.pollTimeout());
        if (!records.isEmpty()) {
            List<TailEvent> events = new ArrayList<>(records.count());
            List<Integer> wentBack = new ArrayList<>();
            SeenListener seen = seenListener;
            for (ConsumerRecord<String, byte[]> r : records) {
                Long next = nextOffsets.put(r.partition(), r.offset() + 1);
                if (next != null && r.offset() < next) {
                    wentBack(r.partition(), next, r.offset());
                    wentBack.add(r.partition());
                    events.removeIf(e -> e.partition() == r.partition());
                }
                events.add(TailEvent.of(r));
                if (seen != null) {
                    Header id = r.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (id != null && id.value() != null) { // any producer may send a header without a value
                        try {
                            seen.seen(new String(id.value(), java.nio.charset.StandardCharsets.UTF_8), r.partition(),
                                    r.offset());
                        } catch (RuntimeException e) { // the trace's business: the records polled still reach the tab
                            LOG.warn("the trace listener failed on {}-{}@{}: {}", topic, r.partition(), r.offset(),
                                    e.toString());
                        }
                    }
                }
            }
            pending = new TailBatch(wentBack, events);
            handOver();
        }
    }

    private void wentBack(int partition, long expected, long offset) {
        LOG.warn("live tail of {}: partition {} went back from offset {} to {} without a seek (topic created again,"
                + " or its log cut short); its buffer starts again", topic, partition, expected, offset);
        status = TailStatus.of(TailStatus.State.LIVE, "live: " + assigned.size() + " partitions; partition " + partition
                + " went back from offset " + expected + " to " + offset + " at "
                + java.time.LocalTime.now().withNano(0) + " (topic created again?)");
    }

    private void refreshEndOffsets(KafkaConsumer<String, byte[]> c) {
        long asked = System.nanoTime();
        Map<TopicPartition, Long> ends = c.endOffsets(assigned, settings.requestTimeout());
        long answered = System.nanoTime();
        Map<Integer, Long> byPartition = new HashMap<>();
        ends.forEach((tp, end) -> byPartition.put(tp.partition(), end));
        endOffsets = new EndOffsets(byPartition, asked + (answered - asked) / 2);
        nextEndOffsets = System.nanoTime() + settings.endOffsetsInterval().toNanos();
        if (status.state() != TailStatus.State.LIVE) {
            LOG.info("live tail of {} reads {} partitions", topic, assigned.size());
            status = TailStatus.of(TailStatus.State.LIVE, "live: " + assigned.size() + " partitions");
        }
        backoff = settings.minBackoff();
    }

    private boolean handOver() {
        try {
            if (queue.offer(pending, 100)) {
                pending = null;
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
    }

    private void discover(KafkaConsumer<String, byte[]> c) {
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

    private void applyCommands(KafkaConsumer<String, byte[]> c) {
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
            List<TailEvent> kept = pending == null ? List.of()
                    : pending.events().stream().filter(e -> !reset.contains(e.partition())).toList();
            List<Integer> resets = new ArrayList<>(reset);
            if (pending != null) {
                pending.resetPartitions().stream().filter(p -> !resets.contains(p)).forEach(resets::add);
            }
            pending = new TailBatch(resets, kept);
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

    private void failed(RuntimeException e) {
        String reason = FailureText.chain(e); // "Failed to construct kafka consumer" says why only in its cause
        // Kafka answers that the topic is not there: the operator looks at the topic, not the network
        String problem = e instanceof TopicNotFoundException ? reason : "Kafka unreachable: " + reason;
        if (status.state() != TailStatus.State.UNREACHABLE) {
            LOG.warn("live tail of {}: {}; retrying", topic, problem);
        }
        status = TailStatus.of(TailStatus.State.UNREACHABLE, problem + "; retrying in " + backoff.toMillis() + " ms");
        try {
            stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            running = false;
        }
        backoff = backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        nextEndOffsets = 0; // check again at once after the pause
    }

    /** Stops the tail: wakes the consumer, waits for its thread, closes it. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        stop.countDown();
        queue.close();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kafka answered, and the topic has no partitions there (not created, or deleted). */
    private static final class TopicNotFoundException extends KafkaException {
        TopicNotFoundException(String topic) {
            super("topic '" + topic + "' not found in Kafka");
        }
    }
}
