package com.trafficmanager.console.outbox;

/**
 * One outbox row on its way through a publish cycle: whether it was handed to the producer, and
 * Kafka's answer (its partition and offset, or the error).
 *
 * <p>Threading: the producer's callback writes the answer on the producer's I/O thread; the relay
 * reads it only after {@code flush()}, which returns after every callback has run and so makes the
 * writes visible.
 */
final class RowSend {
    final PendingRow row;
    /** Handed to the producer (or refused by it, then with an error); false when never tried. */
    boolean sent;
    int partition;
    long offset;
    long ackNanos;
    Exception error;

    RowSend(PendingRow row) {
        this.row = row;
    }

    void acknowledged(int partition, long offset, long ackNanos) {
        this.partition = partition;
        this.offset = offset;
        this.ackNanos = ackNanos;
    }

    PublishedEvent published() {
        return new PublishedEvent(row.eventId(), row.id(), row.key(), partition, offset, ackNanos);
    }
}
