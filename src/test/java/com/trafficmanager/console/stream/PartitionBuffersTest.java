package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rings' bounds beyond a count: all together within a byte budget, and nothing that decodes every
 * record at once on the window's thread (a resize, a check whose time is up).
 */
class PartitionBuffersTest {
    private static final long BUDGET = 5L * 1024 * 1024;
    // shared by every event: the test's heap holds one megabyte, the rings' estimate counts one per event
    private static final byte[] MEGABYTE = new byte[1024 * 1024];

    @Test
    void largeRecordsAreKeptWithinTheByteBudgetTheOldestGoingFirstAndAllCounted() {
        PartitionBuffers buffers = new PartitionBuffers(10_000, BUDGET);
        for (long i = 0; i < 100; i++) {
            buffers.add(new TailEvent(0, i, i, "k", MEGABYTE, null));
            assertThat(buffers.bytesHeld()).as("after record %d", i).isLessThanOrEqualTo(BUDGET);
            if (i == 50) {
                buffers.checkSome(Long.MAX_VALUE); // these four are counted by their verdict when they go
            }
        }
        assertThat(buffers.events(0)).as("a count of 10,000 would have kept all 100 MB")
                .extracting(TailEvent::offset).containsExactly(96L, 97L, 98L, 99L);
        assertThat(buffers.bytesHeld()).isEqualTo(buffers.ring(0).bytes())
                .isEqualTo(4 * EventRing.bytesOf(buffers.events(0).get(0)));
        assertThat(buffers.unchecked(0)).as("0-46 and 51-95 left before anyone checked them").isEqualTo(92);
        assertThat(buffers.malformed(0)).as("47-50, checked before they left").isEqualTo(4);
        buffers.checkSome(Long.MAX_VALUE);
        assertThat(buffers.malformed(0) + buffers.unchecked(0)).isEqualTo(buffers.received(0)).isEqualTo(100);
    }

    @Test
    void theHeaviestRingGivesWayNotTheOneAddedTo() {
        PartitionBuffers buffers = new PartitionBuffers(10_000, BUDGET);
        byte[] small = new byte[100];
        for (long i = 0; i < 100; i++) {
            buffers.add(new TailEvent(0, i, i, "k", small, null));
            buffers.add(new TailEvent(1, i, i, "k", MEGABYTE, null));
            assertThat(buffers.bytesHeld()).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(buffers.buffered(0)).as("the small records' partition keeps them all").isEqualTo(100);
        assertThat(buffers.events(1)).extracting(TailEvent::offset).containsExactly(96L, 97L, 98L, 99L);
        assertThat(buffers.unchecked(1)).isEqualTo(96);
        assertThat(buffers.unchecked(0)).isZero();

        buffers.clear(1);
        assertThat(buffers.bytesHeld()).as("a cleared partition's bytes are free again").isEqualTo(buffers.ring(0).bytes());
    }

    @Test
    void aResizeDuringAFloodDropsWithoutCheckingAndCountsWhatItDropped() {
        PartitionBuffers buffers = new PartitionBuffers(10_000);
        byte[] junk = "junk".getBytes(StandardCharsets.UTF_8);
        List<TailEvent> flood = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            TailEvent e = new TailEvent(3, i, i, "k", junk, null);
            flood.add(e);
            buffers.add(e); // a flood: none checked yet
        }
        long bytesBefore = buffers.bytesHeld();
        buffers.resize(100);
        assertThat(flood).as("checked by the resize, on the window's thread").noneMatch(TailEvent::checked);
        assertThat(buffers.buffered(3)).isEqualTo(100);
        assertThat(buffers.events(3)).first().extracting(TailEvent::offset).isEqualTo(9_900L);
        assertThat(buffers.unchecked(3)).as("dropped before anyone checked them").isEqualTo(9_900);
        assertThat(buffers.bytesHeld()).isEqualTo(bytesBefore / 100);

        assertThat(buffers.checkSome(Long.MAX_VALUE)).as("what stays is left to later checks").isZero();
        assertThat(buffers.malformed(3)).isEqualTo(100);
        assertThat(buffers.malformed(3) + buffers.unchecked(3)).isEqualTo(buffers.received(3));
    }

    @Test
    void aCheckWhoseTimeIsUpStopsAfterAFewLargeRecordsNotAFixedCount() {
        PartitionBuffers buffers = new PartitionBuffers(100);
        byte[] large = new byte[200 * 1024];
        List<TailEvent> added = new ArrayList<>();
        for (long i = 0; i < 20; i++) {
            TailEvent e = new TailEvent(0, i, i, "k", large, null);
            added.add(e);
            buffers.add(e);
        }
        long waiting = buffers.checkSome(System.nanoTime() - 1); // the budget is spent already
        long checked = added.stream().filter(TailEvent::checked).count();
        assertThat(checked).as("at least one, so progress is certain").isPositive();
        assertThat(checked).as("no more than the minimum's bytes and one record")
                .isLessThanOrEqualTo(1 + PartitionBuffers.MIN_CHECK_BYTES / large.length);
        assertThat(waiting).isEqualTo(20 - checked);
    }

    @Test
    void aRingKnowsTheBytesOfWhatItHoldsThroughEveryChange() {
        EventRing ring = new EventRing(3);
        org.apache.kafka.common.header.Header[] headers = {
            new org.apache.kafka.common.header.internals.RecordHeader("event_id", new byte[36])};
        for (long i = 0; i < 10; i++) {
            ring.add(new TailEvent(0, i, i, "key-" + i, new byte[(int) (10 * i)], i % 2 == 0 ? headers : null));
            assertThat(ring.bytes()).isEqualTo(sumOfBytes(ring));
        }
        assertThat(ring.removeOldest().offset()).isEqualTo(7L);
        assertThat(ring.bytes()).isEqualTo(sumOfBytes(ring));
        ring.resize(1);
        assertThat(ring.toList()).extracting(TailEvent::offset).containsExactly(9L);
        assertThat(ring.bytes()).isEqualTo(sumOfBytes(ring));
        assertThat(ring.removeOldest().offset()).isEqualTo(9L);
        assertThat(ring.removeOldest()).isNull();
        assertThat(ring.bytes()).isZero();
        ring.add(new TailEvent(0, 10, 10, null, null, headers));
        assertThat(ring.bytes()).isEqualTo(EventRing.EVENT_OVERHEAD_BYTES + EventRing.HEADER_OVERHEAD_BYTES
                + 2L * "event_id".length() + 36);
        ring.clear();
        assertThat(ring.bytes()).isZero();
    }

    private static long sumOfBytes(EventRing ring) {
        return ring.toList().stream().mapToLong(EventRing::bytesOf).sum();
    }
}
