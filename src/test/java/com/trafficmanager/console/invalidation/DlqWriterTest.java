package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dead-letter topic is written while it exists, and looked for again a minute after the last answer:
 * a topic made while the console runs, or one Kafka could not be asked about, is found without a restart.
 * The clock is the writer's own, moved by the test.
 */
class DlqWriterTest {
    private static final long MINUTE_AND_A_BIT = TimeUnit.SECONDS.toNanos(61);

    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger lookups = new AtomicInteger();

    @Test
    void aTopicCreatedWhileTheConsumerRunsIsWrittenOnceTheMinuteSinceTheLastAnswerHasPassed() throws Exception {
        String dlq = InvalidationService.dlqTopicFor(fx.topic);
        try (DlqWriter writer = new DlqWriter(fx.config("g").withDlqTopic(dlq), this::existsOnKafka, now::get)) {
            writer.send(record(1), "not JSON");
            assertThat(writer.flush()).as("a topic that is not there is not an error").isZero();
            fx.createTopic(dlq);
            try (TopicProbe probe = TopicProbe.fromEnd(fx.endpoints.kafkaBootstrap(), dlq)) {
                writer.send(record(2), "not JSON");
                assertThat(writer.flush()).isZero();
                assertThat(lookups).as("asked once within the minute").hasValue(1);

                now.addAndGet(MINUTE_AND_A_BIT);
                writer.send(record(3), "empty value");
                assertThat(writer.flush()).isZero();
                List<ConsumerRecord<String, byte[]>> dead = probe.await("the third record on the DLQ",
                        InvalidationFixture.WAIT, r -> true, l -> !l.isEmpty());
                assertThat(dead).extracting(r -> TopicProbe.header(r, DlqWriter.SOURCE_OFFSET)).containsExactly("3");
                assertThat(TopicProbe.header(dead.get(0), DlqWriter.REASON)).isEqualTo("empty value");
                assertThat(probe.drain(r -> true)).as("the first two were never written").hasSize(1);
            }
        }
        assertThat(lookups).hasValue(2);
    }

    @Test
    void whenKafkaCannotSayRecordsAreCountedAsErrorsAndItIsAskedAgainAfterTheCoolDown() throws Exception {
        String dlq = InvalidationService.dlqTopicFor(fx.topic);
        fx.createTopic(dlq);
        AtomicInteger answers = new AtomicInteger();
        DlqWriter.TopicLookup unreachableOnce = t -> {
            lookups.incrementAndGet();
            if (answers.getAndIncrement() == 0) {
                throw new org.apache.kafka.common.errors.TimeoutException("Timeout expired while fetching topic metadata");
            }
            return true;
        };
        try (DlqWriter writer = new DlqWriter(fx.config("g").withDlqTopic(dlq), unreachableOnce, now::get);
             TopicProbe probe = TopicProbe.fromEnd(fx.endpoints.kafkaBootstrap(), dlq)) {
            writer.send(record(1), "not JSON");
            writer.send(record(2), "not JSON");
            assertThat(writer.flush()).as("neither copy made, both counted").isEqualTo(2);
            assertThat(lookups).as("not asked again during the cool-down").hasValue(1);

            now.addAndGet(MINUTE_AND_A_BIT);
            writer.send(record(3), "not JSON");
            assertThat(writer.flush()).isZero();
            assertThat(probe.await("the third record on the DLQ", InvalidationFixture.WAIT, r -> true, l -> !l.isEmpty()))
                    .extracting(r -> TopicProbe.header(r, DlqWriter.SOURCE_OFFSET)).containsExactly("3");
            writer.send(record(4), "not JSON");
            assertThat(writer.flush()).isZero();
            assertThat(lookups).as("a topic found is not asked about per record").hasValue(2);
        }
    }

    @Test
    void aTopicThisConsoleMayNotDescribeIsNoDeadLetterTopicAndNoError() {
        DlqWriter.TopicLookup refused = t -> {
            lookups.incrementAndGet();
            throw new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of(t));
        };
        try (DlqWriter writer = new DlqWriter(fx.config("g").withDlqTopic(InvalidationService.dlqTopicFor(fx.topic)),
                refused, now::get)) {
            writer.send(record(1), "not JSON");
            writer.send(record(2), "not JSON");
            assertThat(writer.flush()).as("an ACL that leaves the topic out is not a failure").isZero();
            assertThat(lookups).as("asked once a minute, as for a topic that is not there").hasValue(1);
        }
    }

    @Test
    void aWriteThatTimesOutPausesTheWritesAndTheTopicIsLookedForAgainAfterTheCoolDown() {
        // the topic was there when asked, and is gone by the write (deleted while the console runs)
        AtomicInteger answers = new AtomicInteger();
        DlqWriter.TopicLookup thereThenGone = t -> {
            lookups.incrementAndGet();
            return answers.getAndIncrement() == 0;
        };
        try (DlqWriter writer = new DlqWriter(fx.config("g").withDlqTopic(InvalidationService.dlqTopicFor(fx.topic)),
                thereThenGone, now::get)) {
            writer.send(record(1), "not JSON"); // waits max.block.ms (10 s) for the topic, then fails
            writer.send(record(2), "not JSON");
            assertThat(writer.flush()).as("the timed-out copy and the one skipped in the cool-down").isEqualTo(2);
            assertThat(lookups).hasValue(1);

            now.addAndGet(MINUTE_AND_A_BIT);
            writer.send(record(3), "not JSON");
            assertThat(writer.flush()).as("looked for first: not there, so not an error").isZero();
            assertThat(lookups).hasValue(2);
        }
    }

    private boolean existsOnKafka(String topic) {
        lookups.incrementAndGet();
        try {
            return fx.admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ConsumerRecord<String, byte[]> record(long offset) {
        return new ConsumerRecord<>(fx.topic, 0, offset, "k", ("bad " + offset).getBytes(StandardCharsets.UTF_8));
    }
}
