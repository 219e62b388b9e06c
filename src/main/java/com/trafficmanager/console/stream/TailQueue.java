package com.trafficmanager.console.stream;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bounded hand-off from the tail thread to the thread that shows the events, which takes
 * everything queued once per pulse. Bounded by events, not batches: when the reader falls behind,
 * the tail waits here (Kafka keeps the records; nothing is dropped or reordered) instead of growing
 * the heap. A batch larger than the capacity is still accepted into an empty queue, so no batch can
 * wait forever.
 *
 * <p>The tail also waits while the reader is late: events are queued and the reader has not come by
 * for {@link #READER_LATE}. The reader is the JavaFX thread; a late pulse means a long frame (a table
 * update, a collection), and a tail that kept reading at full speed meanwhile would take the CPU
 * that frame needs. The window comes first; Kafka keeps the records.
 */
public final class TailQueue {
    public static final int DEFAULT_CAPACITY = 50_000;
    /** A frame and a half at 60 Hz: a missed pulse, well before the 100 ms at which a window feels stuck. */
    public static final Duration READER_LATE = Duration.ofMillis(25);

    private final int capacity;
    private final LongSupplier nanoClock;
    private long lastDrainNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    private final ArrayDeque<TailBatch> batches = new ArrayDeque<>();
    private int queuedEvents;
    private boolean closed;

    public TailQueue(int capacity) {
        this(capacity, System::nanoTime);
    }

    /** With the clock that tells whether the reader is late (tests set it). */
    TailQueue(int capacity, LongSupplier nanoClock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.lastDrainNanos = nanoClock.getAsLong();
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Queues a batch, waiting up to {@code maxWaitMillis} for room and for a late reader.
     *
     * @return false when there was no room in time or the queue is closed; the caller keeps the batch
     */
    public boolean offer(TailBatch batch, long maxWaitMillis) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        lock.lockInterruptibly();
        try {
            while (!closed && queuedEvents > 0
                    && (queuedEvents + batch.events().size() > capacity || readerLate())) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = space.awaitNanos(nanos);
            }
            if (closed) {
                return false;
            }
            batches.add(batch);
            queuedEvents += batch.events().size();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean readerLate() {
        return nanoClock.getAsLong() - lastDrainNanos > READER_LATE.toNanos();
    }

    /** Takes everything queued, oldest first; never blocks for long. */
    public List<TailBatch> drain() {
        lock.lock();
        try {
            lastDrainNanos = nanoClock.getAsLong();
            if (batches.isEmpty()) {
                return List.of();
            }
            List<TailBatch> out = new ArrayList<>(batches);
            batches.clear();
            queuedEvents = 0;
            space.signalAll();
            return out;
        } finally {
            lock.unlock();
        }
    }

    public int queuedEvents() {
        lock.lock();
        try {
            return queuedEvents;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting tail and refuses further batches. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            space.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
