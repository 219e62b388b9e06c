package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.TestSandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** The three sandbox servers are real and answer their clients. */
class SandboxServersTest {
    private final SandboxEndpoints endpoints = TestSandbox.shared().endpoints();

    @Test
    void postgresAnswersAQuery() throws Exception {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.jdbcUser(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select current_database(), version()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("traffic");
            assertThat(rs.getString(2)).startsWith("PostgreSQL 14");
        }
    }

    @Test
    void kafkaHasTheRouteEventsTopicWithSixPartitionsAndCarriesARecord() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
            var description = admin.describeTopics(List.of(endpoints.topic())).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(endpoints.topic());
            assertThat(description.partitions()).hasSize(6);
        }
        String value = "probe-" + UUID.randomUUID();
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            sent = producer.send(new ProducerRecord<>(endpoints.topic(), "probe", value)).get(20, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(endpoints.topic(), sent.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, sent.offset());
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == sent.offset()) {
                        received = r;
                    }
                }
            }
            assertThat(received).as("the produced record").isNotNull();
            assertThat(received.value()).isEqualTo(value);
        }
    }

    @Test
    void redisAnswersPingSetAndDel() {
        try (JedisPooled redis = new JedisPooled(java.net.URI.create(endpoints.redisUri()))) {
            assertThat(redis.ping()).isEqualTo("PONG");
            String key = "probe:" + UUID.randomUUID();
            assertThat(redis.set(key, "v")).isEqualTo("OK");
            assertThat(redis.get(key)).isEqualTo("v");
            assertThat(redis.del(key)).isEqualTo(1L);
            assertThat(redis.exists(key)).isFalse();
        }
    }

    @Test
    void endpointsFileDescribesTheRunningServers() throws Exception {
        SandboxEndpoints fromFile = SandboxEndpoints.readFrom(TestSandbox.shared().dataDir());
        assertThat(fromFile).isEqualTo(endpoints);
        assertThat(endpoints.psqlCommand()).matches("psql -h 127\\.0\\.0\\.1 -p \\d+ -U console_\\d+ traffic");
        assertThat(endpoints.redisCliCommand()).isEqualTo("redis-cli -u " + endpoints.redisUri());
    }
}
