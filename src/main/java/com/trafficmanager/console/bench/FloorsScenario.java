package com.trafficmanager.console.bench;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventHeaders;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * The floors: what the raw servers of this run do with no console code in the way. Every later figure
 * is read against these, measured on the same machine in the same run, so ratios hold where absolute
 * times would not. Uses its own table and topic, so it leaves the console's data alone.
 */
public final class FloorsScenario implements BenchScenario {
    static final String TOPIC = "bench-floors";
    private static final int LATENCY_SAMPLES = 1_000;
    private static final int WARMUP = 100;
    private static final int THROUGHPUT_RECORDS = 100_000;
    /** Records per warm-up burst of the producer floor, and how long it may warm up (a burst is about 0.2 s). */
    private static final int WARM_UP_BURST = 20_000;
    private static final long WARM_UP_MAX_MILLIS = 30_000;
    /** What a console's event looks like on the wire (its JSON, key and two headers), for the Kafka floors. */
    private static final RouteChangedEvent SAMPLE = RouteChangedEvent.of(EventIds.next(), Action.UPDATED,
            "bench-tenant", "svc-0001", "prod", "v1", "https://svc-0001.bench-tenant.example.com/api/v1",
            Instant.parse("2026-01-01T00:00:00Z"), "bench", EventIds.next().toString(), 42L);
    private static final byte[] SAMPLE_VALUE = EventCodec.encode(SAMPLE);

    @Override
    public String name() {
        return "floors";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        SandboxEndpoints e = context.sandbox().endpoints();
        createTopic(e);
        List<Figure> figures = new ArrayList<>();
        Percentiles commit = rawCommit(e);
        figures.add(Figure.of("raw_commit_p50_ms", commit.p50(), "ms"));
        figures.add(Figure.of("raw_commit_p99_ms", commit.p99(), "ms"));
        Percentiles ack = rawProduceAck(e);
        figures.add(Figure.of("raw_produce_ack_p50_ms", ack.p50(), "ms"));
        figures.add(Figure.of("raw_produce_ack_p99_ms", ack.p99(), "ms"));
        Percentiles roundTrip = rawProduceConsume(e);
        figures.add(Figure.of("raw_produce_consume_p50_ms", roundTrip.p50(), "ms"));
        figures.add(Figure.of("raw_produce_consume_p99_ms", roundTrip.p99(), "ms"));
        Percentiles del = rawDel(e);
        figures.add(Figure.of("raw_del_p50_ms", del.p50(), "ms"));
        figures.add(Figure.of("raw_del_p99_ms", del.p99(), "ms"));
        figures.add(Figure.of("raw_produce_per_s", rawProduceThroughput(e), "records/s"));
        figures.add(Figure.of("raw_pipelined_del_per_s", rawPipelinedDel(e), "keys/s"));
        return figures;
    }

    private static Percentiles rawCommit(SandboxEndpoints e) throws Exception {
        try (Connection c = DriverManager.getConnection(e.jdbcUrl(), e.jdbcUser(), "")) {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_floor(id bigserial primary key, v text not null)");
            }
            c.setAutoCommit(false);
            long[] samples = new long[LATENCY_SAMPLES];
            try (PreparedStatement insert = c.prepareStatement("insert into bench_floor(v) values (?)")) {
                for (int i = -WARMUP; i < LATENCY_SAMPLES; i++) {
                    long t0 = System.nanoTime();
                    insert.setString(1, "floor-" + i);
                    insert.executeUpdate();
                    c.commit();
                    if (i >= 0) {
                        samples[i] = System.nanoTime() - t0;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("drop table bench_floor");
            }
            c.commit();
            return new Percentiles(samples);
        }
    }

    /** One event-sized record at a time (acks=all, idempotent), each waited for until Kafka acknowledges it. */
    private static Percentiles rawProduceAck(SandboxEndpoints e) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(e, 0)) {
            long[] samples = new long[LATENCY_SAMPLES];
            for (int i = -WARMUP; i < samples.length; i++) {
                long t0 = System.nanoTime();
                producer.send(record(i)).get(30, TimeUnit.SECONDS);
                if (i >= 0) {
                    samples[i] = System.nanoTime() - t0;
                }
            }
            return new Percentiles(samples);
        }
    }

    /** One event-shaped record at a time: send, then poll until that record comes back. */
    private static Percentiles rawProduceConsume(SandboxEndpoints e) throws Exception {
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<byte[], byte[]> producer = producer(e, 0);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap(),
                     ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                     ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            long[] samples = new long[LATENCY_SAMPLES / 2];
            for (int i = -WARMUP / 2; i < samples.length; i++) {
                long t0 = System.nanoTime();
                long offset = producer.send(onPartition0(record(i))).get(30, TimeUnit.SECONDS).offset();
                boolean seen = false;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!seen && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        seen |= r.offset() == offset;
                    }
                }
                if (!seen) {
                    throw new IllegalStateException("record at offset " + offset + " did not come back");
                }
                if (i >= 0) {
                    samples[i] = System.nanoTime() - t0;
                }
            }
            return new Percentiles(samples);
        }
    }

    private static Percentiles rawDel(SandboxEndpoints e) {
        try (JedisPooled redis = new JedisPooled(URI.create(e.redisUri()))) {
            long[] samples = new long[LATENCY_SAMPLES * 2];
            for (int i = -WARMUP; i < samples.length; i++) {
                String key = "bench:floor:" + i;
                redis.set(key, "v");
                long t0 = System.nanoTime();
                redis.del(key);
                if (i >= 0) {
                    samples[i] = System.nanoTime() - t0;
                }
            }
            return new Percentiles(samples);
        }
    }

    /**
     * Records/s of event-sized records with acks=all, from the first send until the last ack, after bursts
     * of the same records, unmeasured, until the JIT settled: the bulk figure read against it is measured
     * warm too, and so are the broker's produce path and this producer's.
     */
    private static double rawProduceThroughput(SandboxEndpoints e) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(e, 5)) {
            JitWarmUp.repeat(() -> burst(producer, WARM_UP_BURST), WARM_UP_MAX_MILLIS);
            return burst(producer, THROUGHPUT_RECORDS);
        }
    }

    /** Sends {@code records} records and waits for every ack: records/s. */
    private static double burst(KafkaProducer<byte[], byte[]> producer, int records) throws Exception {
        AtomicLong acked = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < records; i++) {
            producer.send(record(i), (md, ex) -> {
                if (ex != null) {
                    failure.compareAndSet(null, ex);
                }
                acked.incrementAndGet();
            });
        }
        producer.flush();
        long elapsed = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw failure.get();
        }
        return acked.get() / (elapsed / 1e9);
    }

    /** Keys/s deleted with pipelined DELs of existing keys, 1,000 per round trip; every DEL must delete its key. */
    private static double rawPipelinedDel(SandboxEndpoints e) {
        int keys = THROUGHPUT_RECORDS;
        try (JedisPooled redis = new JedisPooled(URI.create(e.redisUri()))) {
            List<Response<String>> set = new ArrayList<>(keys);
            try (Pipeline p = redis.pipelined()) {
                for (int i = 0; i < keys; i++) {
                    set.add(p.set("bench:del:" + i, "v"));
                }
                p.sync();
            }
            set.forEach(Response::get); // a refused SET throws here, before anything is measured
            List<Response<Long>> deleted = new ArrayList<>(keys);
            long t0 = System.nanoTime();
            try (Pipeline p = redis.pipelined()) {
                for (int i = 0; i < keys; i++) {
                    deleted.add(p.del("bench:del:" + i));
                    if (i % 1000 == 999) {
                        p.sync();
                    }
                }
                p.sync();
            }
            double perSecond = keys / ((System.nanoTime() - t0) / 1e9);
            long total = deleted.stream().mapToLong(Response::get).sum();
            if (total != keys) {
                throw new IllegalStateException("the pipelined DELs deleted " + total + " of " + keys + " keys");
            }
            return perSecond;
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(SandboxEndpoints e, int lingerMs) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The {@code n}-th record: the sample event's bytes and headers under one of 1,000 keys shaped like a
     * route's (the relay sends the same, one route's events on one partition).
     */
    private static ProducerRecord<byte[], byte[]> record(int n) {
        byte[] key = ("bench-tenant:svc-" + Math.floorMod(n, 1000) + ":prod:v1").getBytes(StandardCharsets.UTF_8);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(EventHeaders.EVENT_ID, SAMPLE.eventId().toString().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(EventHeaders.EVENT_VERSION, SAMPLE.eventVersion().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, key, SAMPLE_VALUE, headers);
    }

    private static ProducerRecord<byte[], byte[]> onPartition0(ProducerRecord<byte[], byte[]> r) {
        return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
    }

    private static void createTopic(SandboxEndpoints e) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, e.kafkaBootstrap()))) {
            if (!admin.listTopics().names().get(20, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get(20, TimeUnit.SECONDS);
            }
        }
    }
}
