package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventRingTest {
    private static TailEvent e(long offset) {
        return new TailEvent(0, offset, offset, "k", null, null);
    }

    @Test
    void keepsTheNewestUpToItsCapacity() {
        EventRing ring = new EventRing(3);
        for (long i = 0; i < 10; i++) {
            ring.add(e(i));
            assertThat(ring.size()).isLessThanOrEqualTo(3);
        }
        assertThat(ring.toList()).extracting(TailEvent::offset).containsExactly(7L, 8L, 9L);
        assertThat(ring.evicted()).isEqualTo(7);
        assertThat(ring.oldest().offset()).isEqualTo(7);
        ring.resize(2);
        assertThat(ring.toList()).extracting(TailEvent::offset).containsExactly(8L, 9L);
        ring.resize(5);
        ring.add(e(10));
        assertThat(ring.toList()).extracting(TailEvent::offset).containsExactly(8L, 9L, 10L);
        ring.clear();
        assertThat(ring.isEmpty()).isTrue();
        assertThatThrownBy(() -> new EventRing(0)).hasMessageContaining("capacity must be positive");
    }

    @Test
    void recordsAreCountedOnceCheckedOrAtEvictionAndNeverGuessed() {
        PartitionBuffers buffers = new PartitionBuffers(3);
        byte[] junk = "junk".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (long i = 0; i < 10; i++) {
            TailEvent e = new TailEvent(2, i, i, "k", junk, null);
            if (i == 1) {
                e.check(); // shown on screen before it was pushed out: its verdict is known
            }
            buffers.add(e);
            assertThat(buffers.buffered(2)).isLessThanOrEqualTo(3);
        }
        assertThat(buffers.checkSome(Long.MAX_VALUE)).isZero();
        assertThat(buffers.malformed(2)).as("offset 1 and the three still buffered").isEqualTo(4);
        assertThat(buffers.unchecked(2)).as("pushed out by the burst before anyone checked them").isEqualTo(6);
        buffers.add(new TailEvent(2, 10, 10, "k", junk, null));
        assertThat(buffers.malformed(2)).as("a counted record is not counted again when evicted").isEqualTo(4);
        buffers.checkSome(Long.MAX_VALUE);
        assertThat(buffers.malformed(2)).isEqualTo(5);
        assertThat(buffers.received(2)).isEqualTo(11);
    }

    @Test
    void theQueueMakesTheTailWaitWhenFullButTakesOneOversizedBatch() throws Exception {
        TailQueue q = new TailQueue(3);
        TailBatch four = TailBatch.events(java.util.List.of(e(0), e(1), e(2), e(3)));
        assertThat(q.offer(four, 0)).as("an empty queue takes any batch").isTrue();
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(4))), 10)).isFalse();
        assertThat(q.drain()).hasSize(1);
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(4))), 0)).isTrue();
        assertThat(q.queuedEvents()).isEqualTo(1);
    }

    @Test
    void theQueueMakesTheTailWaitWhileTheReaderIsLate() throws Exception {
        long[] now = {0};
        TailQueue q = new TailQueue(100, () -> now[0]);
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(0))), 0)).isTrue();
        now[0] += TailQueue.READER_LATE.toNanos() / 2;
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(1))), 0)).as("the reader is not late yet").isTrue();
        now[0] += TailQueue.READER_LATE.toNanos();
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(2))), 10)).as("the reader is late").isFalse();
        assertThat(q.drain()).hasSize(2);
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(2))), 0)).as("it came by").isTrue();
        assertThat(q.drain()).hasSize(1);
        now[0] += 10 * TailQueue.READER_LATE.toNanos();
        assertThat(q.offer(TailBatch.events(java.util.List.of(e(3))), 0))
                .as("an empty queue takes a batch however late the reader").isTrue();
    }
}
