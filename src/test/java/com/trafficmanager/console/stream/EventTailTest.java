package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * The live tail against the real sandbox broker, each test on a topic of its own: records land in
 * the right partition's buffer with the right fields, seeks show exactly the records they should,
 * malformed records are flagged and counted without disturbing the valid ones around them.
 */
class EventTailTest {

    @Test
    void eventsAppearInTheirPartitionWithTheirFields() throws Exception {
        try (LiveTopic topic = LiveTopic.create(6); EventTail tail = topic.tail(TailSettings.defaults())) {
            // a trace listener that fails on every record takes none of them from the tab
            tail.onSeen((id, partition, offset) -> {
                throw new IllegalStateException("the trace book failed");
            });
            tail.startAt(StartPosition.latest());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(1000);
            Tails.until("the tail to be live", tail.queue(), buffers,
                    () -> tail.status().state() == TailStatus.State.LIVE);
            Map<String, RouteChangedEvent> sent = new HashMap<>();
            Map<String, RecordMetadata> where = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                RouteChangedEvent e = LiveTopic.event("team-" + (i % 3), "svc-" + i, "prod", "v" + (i % 2 + 1),
                        Action.values()[i % Action.values().length]);
                sent.put(e.eventId().toString(), e);
                where.put(e.eventId().toString(), topic.send(null, null, e));
            }
            Tails.until("30 events", tail.queue(), buffers, () -> buffers.bufferedTotal() == 30);

            for (int p = 0; p < 6; p++) {
                for (TailEvent got : buffers.events(p)) {
                    RouteChangedEvent expected = sent.get(got.event().eventId().toString());
                    assertThat(got.event()).isEqualTo(expected);
                    assertThat(got.partition()).isEqualTo(p).isEqualTo(where.get(expected.eventId().toString()).partition())
                            .isEqualTo(EventKeys.partitionFor(expected.key(), 6));
                    assertThat(got.offset()).isEqualTo(where.get(expected.eventId().toString()).offset());
                    assertThat(got.key()).isEqualTo(expected.key());
                    assertThat(got.malformed()).isFalse();
                    assertThat(EventDetails.of(got, 6).keyMismatch()).isFalse();
                }
            }
            assertThat(buffers.malformedTotal()).isZero();
            Eventually.await("end offsets", Tails.WAIT, () -> tail.endOffsets().byPartition().values().stream()
                    .mapToLong(Long::longValue).sum() == 30);

            // a producer that picks the partition itself: the details flag the key as misplaced
            RouteChangedEvent misplaced = LiveTopic.event("team-x", "svc-x", "prod", "v1", Action.CREATED);
            int wrong = (EventKeys.partitionFor(misplaced.key(), 6) + 1) % 6;
            topic.send(wrong, null, misplaced);
            Tails.until("the misplaced event", tail.queue(), buffers, () -> buffers.buffered(wrong) > 0
                    && buffers.ring(wrong).newest().event().eventId().equals(misplaced.eventId()));
            EventDetails details = EventDetails.of(buffers.ring(wrong).newest(), 6);
            assertThat(details.keyMismatch()).isTrue();
            assertThat(details.keyCheck()).startsWith("MISMATCH").contains("partition " + wrong);
        }
    }

    @Test
    void seekByOffsetAndByTimestampShowExactlyTheExpectedRecords() throws Exception {
        try (LiveTopic topic = LiveTopic.create(6); EventTail tail = topic.tail(TailSettings.defaults())) {
            long base = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
            List<RouteChangedEvent> onTwo = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RouteChangedEvent e = LiveTopic.event("team-s", "svc-" + i, "dev", "v1", Action.UPDATED);
                onTwo.add(e);
                topic.send(2, base + i * 1000L, e);
                topic.send(4, base + i * 1000L, LiveTopic.event("team-t", "svc-" + i, "dev", "v1", Action.CREATED));
            }
            tail.startAt(StartPosition.latest());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(1000);
            Tails.until("the tail to be live", tail.queue(), buffers,
                    () -> tail.status().state() == TailStatus.State.LIVE);
            // a marker sent now, and read: the tail has read on past anything old it might have read
            // (the markers' times lie before the 12 s seek below, which so leaves their partitions empty)
            topic.send(1, base + 500, LiveTopic.event("team-m", "svc-m1", "dev", "v1", Action.CREATED));
            Tails.until("the first marker", tail.queue(), buffers, () -> buffers.buffered(1) == 1);
            assertThat(buffers.bufferedTotal()).as("latest: nothing old is read, only the marker").isEqualTo(1);

            tail.seek(2, StartPosition.offset(7));
            Tails.until("partition 2 from offset 7", tail.queue(), buffers, () -> buffers.buffered(2) == 13);
            assertThat(buffers.events(2)).extracting(TailEvent::offset)
                    .containsExactly(7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
            assertThat(buffers.events(2)).extracting(e -> e.event().eventId())
                    .containsExactlyElementsOf(onTwo.subList(7, 20).stream().map(RouteChangedEvent::eventId).toList());
            topic.send(3, base + 600, LiveTopic.event("team-m", "svc-m2", "dev", "v1", Action.CREATED));
            Tails.until("the second marker", tail.queue(), buffers, () -> buffers.buffered(3) == 1);
            assertThat(buffers.buffered(4)).as("only partition 2 was re-seeked").isZero();

            tail.seek(null, StartPosition.timestamp(Instant.ofEpochMilli(base + 12_000)));
            Tails.until("every partition from 12 s", tail.queue(), buffers,
                    () -> buffers.buffered(2) == 8 && buffers.buffered(4) == 8);
            assertThat(buffers.events(2)).extracting(TailEvent::offset).containsExactly(12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
            assertThat(buffers.events(4)).extracting(TailEvent::timestamp).allMatch(t -> t >= base + 12_000);
            assertThat(buffers.events(4).get(0).timestamp()).isEqualTo(base + 12_000);
            assertThat(buffers.buffered(0) + buffers.buffered(1) + buffers.buffered(3) + buffers.buffered(5)).isZero();

            tail.seek(2, StartPosition.offset(1_000_000)); // past the end: waits at the end, never rewinds
            Tails.until("the re-seek to empty partition 2's buffer", tail.queue(), buffers, () -> buffers.buffered(2) == 0);
            topic.send(2, null, LiveTopic.event("team-s", "svc-late", "dev", "v1", Action.DELETED));
            Tails.until("only the new record after a seek past the end", tail.queue(), buffers,
                    () -> buffers.buffered(2) == 1);
            assertThat(buffers.events(2).get(0).offset()).isEqualTo(20L);
        }
    }

    @Test
    void malformedRecordsAreFlaggedAndCountedAndTheValidOnesAroundThemAreIntact() throws Exception {
        try (LiveTopic topic = LiveTopic.create(6); EventTail tail = topic.tail(TailSettings.defaults())) {
            RouteChangedEvent first = LiveTopic.event("team-m", "svc-1", "prod", "v1", Action.CREATED);
            RouteChangedEvent second = LiveTopic.event("team-m", "svc-2", "prod", "v1", Action.ACTIVATED);
            RouteChangedEvent third = LiveTopic.event("team-m", "svc-3", "prod", "v1", Action.DEACTIVATED);
            topic.send(0, null, first);
            topic.sendRaw(0, "k", "this is not json".getBytes(StandardCharsets.UTF_8));
            topic.sendRaw(0, "k", "{\"event_type\":\"route_changed\",\"event_version\":\"1.0\"}".getBytes(StandardCharsets.UTF_8));
            topic.send(0, null, second);
            topic.sendRaw(0, "k", new String(com.trafficmanager.console.event.EventCodec.encode(second), StandardCharsets.UTF_8)
                    .replace("\"1.0\"", "\"2.0\"").getBytes(StandardCharsets.UTF_8));
            topic.sendRaw(0, "k", null);
            topic.sendRaw(0, null, new byte[] {0, (byte) 0xff, 0x13, 0x37, (byte) 0xc3, 0x28, 7});
            topic.send(0, null, third);
            tail.startAt(StartPosition.beginning());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(1000);
            Tails.until("8 records", tail.queue(), buffers, () -> buffers.buffered(0) == 8);

            List<TailEvent> got = buffers.events(0);
            assertThat(got).extracting(TailEvent::malformed).containsExactly(false, true, true, false, true, true, true, false);
            assertThat(buffers.malformed(0)).isEqualTo(5);
            assertThat(got.get(0).event()).isEqualTo(first);
            assertThat(got.get(3).event()).isEqualTo(second);
            assertThat(got.get(7).event()).isEqualTo(third);
            assertThat(got.get(1).problem()).startsWith("not JSON");
            assertThat(got.get(2).problem()).contains("is missing");
            assertThat(got.get(4).problem()).contains("unknown major event_version '2.0'");
            assertThat(got.get(5).problem()).contains("null value");
            assertThat(got.get(6).problem()).startsWith("not JSON");
            assertThat(got.get(1).valueText()).isEqualTo("this is not json");
            assertThat(EventDetails.of(got.get(6), 6).value()).startsWith("(binary, 7 bytes)");
            assertThat(tail.status().state()).isEqualTo(TailStatus.State.LIVE);
        }
    }

    @Test
    void theGroupsCommittedOffsetsAreReadAndAGroupWithoutAnyShowsNone() throws Exception {
        try (LiveTopic topic = LiveTopic.create(6)) {
            String group = "live-test-group-" + topic.name;
            GroupOffsetsReader none = new GroupOffsetsReader(topic.admin, group, topic.name, java.time.Duration.ofSeconds(1));
            none.readOnce();
            assertThat(none.snapshot().committed()).isEmpty();
            assertThat(none.snapshot().error()).isNull();

            topic.admin.alterConsumerGroupOffsets(group, Map.of(
                    new org.apache.kafka.common.TopicPartition(topic.name, 3), new org.apache.kafka.clients.consumer.OffsetAndMetadata(0)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (int i = 0; i < 5; i++) {
                topic.send(3, null, LiveTopic.event("team-g", "svc-" + i, "prod", "v1", Action.CREATED));
            }
            topic.admin.alterConsumerGroupOffsets(group, Map.of(
                    new org.apache.kafka.common.TopicPartition(topic.name, 3), new org.apache.kafka.clients.consumer.OffsetAndMetadata(2)))
                    .all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            GroupOffsetsReader reader = new GroupOffsetsReader(topic.admin, group, topic.name, java.time.Duration.ofSeconds(1));
            reader.readOnce();
            assertThat(reader.snapshot().committed()).containsExactly(Map.entry(3, 2L));
        }
    }

    @Test
    void aRecordWithAnEmptyEventIdHeaderAndAStartBefore1970DoNotStopTheTail() throws Exception {
        try (LiveTopic topic = LiveTopic.create(2); EventTail tail = topic.tail(TailSettings.defaults())) {
            List<String> seenIds = new java.util.concurrent.CopyOnWriteArrayList<>();
            tail.onSeen((eventId, partition, offset) -> seenIds.add(eventId));
            tail.startAt(StartPosition.beginning());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(100);
            RouteChangedEvent headless = LiveTopic.event("team-a", "svc-a", "prod", "v1", Action.CREATED);
            RouteChangedEvent after = LiveTopic.event("team-a", "svc-b", "prod", "v1", Action.CREATED);
            topic.sendWithEmptyIdHeader(0, headless);
            topic.send(0, null, after);
            Tails.until("both records", tail.queue(), buffers, () -> buffers.buffered(0) == 2);
            assertThat(seenIds).containsExactly(after.eventId().toString());

            // a seek to a time Kafka cannot take (before 1970) reads from the beginning, the tail goes on
            tail.seek(null, StartPosition.timestamp(Instant.parse("1969-12-31T23:59:59Z")));
            RouteChangedEvent later = LiveTopic.event("team-a", "svc-c", "prod", "v1", Action.CREATED);
            topic.send(0, null, later);
            // three in the buffer it would show without the seek too: the ids read say whether it read again
            Tails.until("the records read again, and the next one", tail.queue(), buffers,
                    () -> buffers.buffered(0) == 3 && seenIds.size() >= 3
                            && tail.status().state() != TailStatus.State.STOPPED);
            assertThat(seenIds).as("the ids read, in order: the one with an id read again from the beginning")
                    .containsExactly(after.eventId().toString(), after.eventId().toString(),
                            later.eventId().toString());
            assertThat(buffers.events(0)).extracting(TailEvent::offset).containsExactly(0L, 1L, 2L);
            assertThat(buffers.ring(0).newest().event().eventId()).isEqualTo(later.eventId());
        }
    }

    @Test
    void aTopicCreatedAgainUnderTheTailStartsItsBufferAgainInsteadOfShowingOffsetsTwice() throws Exception {
        TailSettings settings = TailSettings.defaults().withBackoff(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1))
                .withDiscoveryInterval(java.time.Duration.ofMillis(500));
        try (LiveTopic topic = LiveTopic.create(1); EventTail tail = topic.tail(settings)) {
            tail.startAt(StartPosition.beginning());
            tail.start();
            PartitionBuffers buffers = new PartitionBuffers(100);
            for (int i = 0; i < 5; i++) {
                topic.send(0, null, LiveTopic.event("team-r", "svc-" + i, "prod", "v1", Action.CREATED));
            }
            Tails.until("the first 5", tail.queue(), buffers, () -> buffers.buffered(0) == 5);

            topic.recreate(1);
            RouteChangedEvent first = LiveTopic.event("team-r", "svc-new-0", "prod", "v1", Action.CREATED);
            RouteChangedEvent second = LiveTopic.event("team-r", "svc-new-1", "prod", "v1", Action.CREATED);
            topic.send(0, null, first);
            topic.send(0, null, second);
            Tails.until("the new topic's records", tail.queue(), buffers, () -> buffers.buffered(0) > 0
                    && buffers.ring(0).newest().event().eventId().equals(second.eventId()));
            assertThat(buffers.events(0)).extracting(e -> e.event().eventId())
                    .containsExactly(first.eventId(), second.eventId());
            assertThat(buffers.events(0)).extracting(TailEvent::offset).containsExactly(0L, 1L);
            assertThat(tail.status().state()).isEqualTo(TailStatus.State.LIVE);
            assertThat(tail.status().message()).contains("partition 0 went back from offset 5 to 0");
        }
    }
}
