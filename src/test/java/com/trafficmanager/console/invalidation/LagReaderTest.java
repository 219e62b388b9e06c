package com.trafficmanager.console.invalidation;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.testing.Eventually;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lag the tab shows is what the Kafka Admin API reports (log-end minus committed offsets), and the
 * time lag is the age of the oldest unconsumed record.
 */
class LagReaderTest {
    @RegisterExtension
    final InvalidationFixture fx = InvalidationFixture.perTest();

    @Test
    void lagPerPartitionEqualsEndMinusCommittedFromTheAdminApiAndTimeLagIsTheOldestUnconsumedRecordsAge()
            throws Exception {
        String group = fx.newGroup();
        InvalidationConfig config = fx.config(group);
        for (int i = 0; i < 18; i++) {
            fx.send(fx.event(i, 1));
        }
        try (InvalidationConsumer consumer = new InvalidationConsumer(config, fx.redis)) {
            consumer.start();
            Eventually.await("the first events committed", InvalidationFixture.WAIT, () -> fx.committedAtEnd(group));
            consumer.stop();
            consumer.awaitStopped(InvalidationFixture.WAIT);
        }
        // then partition p gets p + 1 more records, each stamped a minute ago (p = 0..5)
        long stamped = System.currentTimeMillis() - 60_000;
        for (int p = 0; p < InvalidationFixture.PARTITIONS; p++) {
            for (int k = 0; k <= p; k++) {
                RouteChangedEvent e = fx.event(100 + p * 10 + k, 2);
                fx.send(p, e.key(), EventCodec.encode(e), e.eventId(), stamped);
            }
        }
        Map<TopicPartition, Long> end = fx.endOffsets();
        Map<TopicPartition, Long> committed = fx.committed(group);
        // read as of exactly a minute after the stamp: the time lag is then exactly a minute
        Clock aMinuteLater = Clock.fixed(java.time.Instant.ofEpochMilli(stamped + 60_000), java.time.ZoneOffset.UTC);
        try (LagReader reader = new LagReader(fx.admin, config, aMinuteLater)) {
            GroupLag lag = reader.read();
            long total = 0;
            long max = 0;
            assertThat(lag.partitions()).hasSize(InvalidationFixture.PARTITIONS);
            for (PartitionLag pl : lag.partitions()) {
                TopicPartition tp = new TopicPartition(fx.topic, pl.partition());
                long expected = end.get(tp) - committed.getOrDefault(tp, 0L);
                assertThat(pl.endOffset()).isEqualTo(end.get(tp));
                assertThat(pl.committed()).isEqualTo(committed.getOrDefault(tp, -1L));
                assertThat(pl.lag()).as("lag of partition %d", pl.partition()).isEqualTo(expected)
                        .isEqualTo(pl.partition() + 1);
                assertThat(pl.timeLagMs()).as("time lag of partition %d", pl.partition()).isEqualTo(60_000L);
                if (committed.containsKey(tp)) {
                    assertThat(pl.commitTimeMs()).isPositive(); // the consumer wrote its commit time into the metadata
                }
                total += expected;
                max = Math.max(max, expected);
            }
            assertThat(lag.totalLag()).isEqualTo(total).isEqualTo(21);
            assertThat(lag.maxLag()).isEqualTo(max).isEqualTo(6);
        }
    }

    @Test
    void aPartitionWithoutACommitWhoseRecordsAreAllGoneIsOkNotStalled() throws Exception {
        String group = fx.newGroup();
        InvalidationConfig config = fx.config(group);
        for (int k = 0; k < 5; k++) {
            RouteChangedEvent e = fx.event(400 + k, 1);
            fx.send(0, e.key(), EventCodec.encode(e), e.eventId(), System.currentTimeMillis());
        }
        TopicPartition p0 = new TopicPartition(fx.topic, 0);
        // retention took every record of partition 0 before this group ever committed there
        fx.admin.deleteRecords(Map.of(p0, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(5))).all()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        try (InvalidationConsumer consumer = new InvalidationConsumer(config, fx.redis);
             InvalidationMonitor monitor = new InvalidationMonitor(consumer, new LagReader(fx.admin, config,
                     Clock.systemUTC()), java.time.Duration.ofSeconds(1), 5, Clock.systemUTC())) {
            InvalidationSnapshot last = null;
            for (int i = 0; i < 3; i++) {
                last = monitor.sample();
            }
            PartitionLag lag = last.lag().partitions().stream().filter(pl -> pl.partition() == 0).findFirst().orElseThrow();
            assertThat(lag.committed()).isEqualTo(-1);
            assertThat(lag.lag()).isZero(); // counted from the log start, where the group would begin
            assertThat(last.statuses().get(0)).as("status of partition 0").isEqualTo(LagStatus.OK);
            assertThat(last.groupStatus()).isEqualTo(LagStatus.OK);
        }
    }

    @Test
    void aPartitionAddedToTheTopicShowsOnceTheGroupCommitsOnIt() throws Exception {
        String group = fx.newGroup();
        InvalidationConfig config = fx.config(group);
        try (LagReader reader = new LagReader(fx.admin, config, Clock.systemUTC())) {
            assertThat(reader.read().partitions()).hasSize(InvalidationFixture.PARTITIONS);
            int added = InvalidationFixture.PARTITIONS; // the new partition's number
            fx.admin.createPartitions(Map.of(fx.topic, org.apache.kafka.clients.admin.NewPartitions.increaseTo(added + 1)))
                    .all().get();
            TopicPartition grown = new TopicPartition(fx.topic, added);
            fx.admin.alterConsumerGroupOffsets(group, Map.of(grown, new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)))
                    .all().get();
            Eventually.await("the group's commit on the new partition listed", InvalidationFixture.WAIT, () -> {
                try {
                    return fx.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                            .containsKey(grown);
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(reader.read().partitions()).as("on the next read, not a minute later")
                    .extracting(PartitionLag::partition).contains(added);
        }
    }
}
