package com.trafficmanager.console.bench;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The events of the viewer-ingest scenario: a pre-fill of real route_changed events (about 340
 * bytes, keys spread over the partitions by the default partitioner), and a live producer that sends
 * as fast as the broker takes them until stopped.
 */
final class ViewerFeed implements AutoCloseable {
    private static final int POOL = 4096;

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final String[] keys = new String[POOL];
    private final byte[][] values = new byte[POOL][];
    private final AtomicBoolean live = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private Thread liveThread;

    ViewerFeed(String bootstrap, String topic) {
        this.topic = topic;
        Map<String, Object> extra = new HashMap<>();
        extra.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        extra.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        this.producer = new KafkaProducer<>(KafkaClients.producerProperties(bootstrap, extra));
        Action[] actions = Action.values();
        for (int i = 0; i < POOL; i++) {
            RouteChangedEvent e = RouteChangedEvent.of(EventIds.next(), actions[i % actions.length], "tenant-" + (i % 40),
                    "service-" + i, i % 3 == 0 ? "prod" : "staging", "v" + (1 + i % 4),
                    "https://service-" + i + ".example.com/api", Instant.now(), "bench", "req-" + i, (long) i);
            keys[i] = e.key();
            values[i] = EventCodec.encode(e);
        }
    }

    void prefill(int count) {
        for (int i = 0; i < count; i++) {
            send(i);
        }
        producer.flush();
    }

    private void send(long i) {
        int slot = (int) (i % POOL);
        producer.send(new ProducerRecord<>(topic, keys[slot], values[slot]));
        sent.incrementAndGet();
    }

    /** Starts the live producer: sends until {@link #close()}, throttled only by the producer's buffer. */
    void startLive() {
        live.set(true);
        liveThread = DaemonThreads.start("bench-live-producer", () -> {
            long i = 0;
            while (live.get()) {
                send(i++);
            }
        });
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        live.set(false);
        if (liveThread != null) {
            liveThread.join(30_000);
        }
        producer.close();
    }
}
