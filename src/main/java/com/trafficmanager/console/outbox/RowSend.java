package com.trafficmanager.console.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The rows in rounds: the first pending row of every key, then the second, and so on. A round goes
     * out only after the one before it was acknowledged, so a row that the broker refuses (too large for
     * the topic, not authorised) is never overtaken by a later row of its key that the broker takes:
     * Kafka's ordering holds among the records it accepts, not across a refused one. Mostly a batch holds
     * one row per key and this is one round.
     */
    static List<List<RowSend>> inRounds(List<RowSend> sends) {
        Map<String, Integer> rowsOfKey = new HashMap<>();
        List<List<RowSend>> rounds = new ArrayList<>();
        for (RowSend send : sends) {
            int round = rowsOfKey.merge(send.row.key(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(send);
        }
        return rounds;
    }
}
