package com.trafficmanager.console.stream;

import com.trafficmanager.console.testing.Eventually;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Drains a tail's queue into buffers on the test thread, as the view's pulses do, until a condition holds. */
final class Tails {
    static final Duration WAIT = Duration.ofSeconds(60);

    private Tails() {
    }

    static void drainInto(TailQueue queue, PartitionBuffers buffers) {
        for (TailBatch b : queue.drain()) {
            b.resetPartitions().forEach(buffers::clear);
            b.events().forEach(buffers::add);
        }
        buffers.checkSome(Long.MAX_VALUE);
    }

    static void until(String what, TailQueue queue, PartitionBuffers buffers, BooleanSupplier done) {
        Eventually.await(what, WAIT, () -> {
            drainInto(queue, buffers);
            return done.getAsBoolean();
        });
    }
}
