package com.trafficmanager.console.stream;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.text.FailureText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
 * their beginning (everything in them is new); {@link TailPositions} assigns and positions them. When
 * Kafka goes away the tail shows it in {@link #status()}, backs off and retries; the consumer keeps its
 * positions, so reading resumes exactly where it was.
 *
 * <p>Hazard: an offset past the end would be "out of range" and reset to the beginning, so explicit
 * offsets are clamped to the partition's [log start, end] first. A partition whose offsets go back
 * without a seek of ours (the topic was deleted and created again, or an unclean leader election cut
 * its log) is read on from where the consumer reset it, and the batch says to empty its buffer first:
 * what is buffered no longer follows on, and its offsets would show twice.
 */
public final class EventTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventTail.class);

    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final TailQueue queue;
    private final TailSettings settings;
    private final TailPositions positions; // seeks, start, partitions() from any thread; the rest tail thread only
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile TailStatus status = TailStatus.of(TailStatus.State.NOT_STARTED, "not started");
    private volatile EndOffsets endOffsets = EndOffsets.NONE;
    private Thread thread;

    // tail thread only
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
        this.positions = new TailPositions(topic, settings);
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
        positions.startAt(position);
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
        positions.seek(partition, position);
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
        return positions.partitions();
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
        if (positions.assigned().isEmpty() || now >= nextDiscovery) {
            positions.discover(c);
            nextDiscovery = now + settings.discoveryInterval().toNanos();
        }
        positions.applyCommands(c, this::repositioned);
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
                Long next = positions.advance(r.partition(), r.offset() + 1);
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
        status = TailStatus.of(TailStatus.State.LIVE, "live: " + positions.assigned().size() + " partitions; partition "
                + partition + " went back from offset " + expected + " to " + offset + " at "
                + java.time.LocalTime.now().withNano(0) + " (topic created again?)");
    }

    private void refreshEndOffsets(KafkaConsumer<String, byte[]> c) {
        long asked = System.nanoTime();
        Map<TopicPartition, Long> ends = c.endOffsets(positions.assigned(), settings.requestTimeout());
        long answered = System.nanoTime();
        Map<Integer, Long> byPartition = new HashMap<>();
        ends.forEach((tp, end) -> byPartition.put(tp.partition(), end));
        endOffsets = new EndOffsets(byPartition, asked + (answered - asked) / 2);
        nextEndOffsets = System.nanoTime() + settings.endOffsetsInterval().toNanos();
        if (status.state() != TailStatus.State.LIVE) {
            LOG.info("live tail of {} reads {} partitions", topic, positions.assigned().size());
            status = TailStatus.of(TailStatus.State.LIVE, "live: " + positions.assigned().size() + " partitions");
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

    /**
     * Told by {@link TailPositions#applyCommands} of the partitions a seek command just positioned: what
     * is still pending of them no longer follows on, so it goes, and the batch says to empty their buffers.
     */
    private void repositioned(List<Integer> reset) {
        List<TailEvent> kept = pending == null ? List.of()
                : pending.events().stream().filter(e -> !reset.contains(e.partition())).toList();
        List<Integer> resets = new ArrayList<>(reset);
        if (pending != null) {
            pending.resetPartitions().stream().filter(p -> !resets.contains(p)).forEach(resets::add);
        }
        pending = new TailBatch(resets, kept);
    }

    private void failed(RuntimeException e) {
        String reason = FailureText.chain(e); // "Failed to construct kafka consumer" says why only in its cause
        // Kafka answers that the topic is not there: the operator looks at the topic, not the network
        String problem = e instanceof TailPositions.TopicNotFoundException ? reason : "Kafka unreachable: " + reason;
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
}
