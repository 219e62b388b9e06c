package com.trafficmanager.console.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The send half of one publish cycle of the {@link OutboxRelay}: hands a batch of rows that were read to
 * the producer in rounds ({@link RowSend#inRounds}), waits for each round's acknowledgements, and returns
 * every row with Kafka's answer for {@link BatchSettlement} to mark. It exists so that the relay's loop
 * (lock, wake, pause, errors) reads apart from the detail of keeping one key's rows in order on the way out.
 *
 * <p>Threading: relay thread only, like the {@link KafkaPause} it shares with the relay. The producer's
 * callbacks write each {@link RowSend} on the producer's I/O thread; they are read only after
 * {@link RelayProducer#flush()}, which makes those writes visible.
 *
 * <p>Hazards: it sends without marking, so a relay that stops after {@link #send} and before the
 * settlement sends the rows again (at least once). It checks the lock through the relay's own check
 * ({@link LockCheck}), which steps the relay down when the lock session died; a check that comes back
 * false ends the batch with the rest unsent (still pending for the next holder).
 */
final class BatchSender {
    /** How often a long batch checks that it still holds the lock. */
    private static final long LOCK_CHECK_NANOS = 1_000_000_000L;

    /** The relay's check that its lock session still holds the lock; it steps down when not. */
    @FunctionalInterface
    interface LockCheck {
        boolean stillHeld() throws SQLException;
    }

    private final RelayProducer producer;
    private final KafkaPause kafkaPause; // relay thread only
    private final BooleanSupplier running;
    private final LockCheck lockStillHeld;

    /**
     * @param running       read before each send: false once the relay is closing (a volatile read in the relay)
     * @param lockStillHeld checked every second during a long batch
     */
    BatchSender(RelayProducer producer, KafkaPause kafkaPause, BooleanSupplier running, LockCheck lockStillHeld) {
        this.producer = producer;
        this.kafkaPause = kafkaPause;
        this.running = running;
        this.lockStillHeld = lockStillHeld;
    }

    /**
     * Sends the rows in rounds and waits for the acknowledgements. Returns one {@link RowSend} per row, in
     * the rows' order, each sent or not and with its answer; nothing is marked here.
     */
    List<RowSend> send(List<PendingRow> rows) throws SQLException {
        Producer<String, byte[]> p = producer.get();
        int n = rows.size();
        List<RowSend> sends = new ArrayList<>(n);
        rows.forEach(row -> sends.add(new RowSend(row)));
        Set<String> failedNow = new HashSet<>();
        long checkedNanos = System.nanoTime();
        for (List<RowSend> round : RowSend.inRounds(sends)) {
            // a batch of one hot key is many rounds, each waiting for its acks: the lock is checked again
            // as the batch goes on, so a relay whose lock session died stops before another sends the rows
            if (System.nanoTime() - checkedNanos > LOCK_CHECK_NANOS) {
                if (!lockStillHeld.stillHeld()) {
                    break; // the rows not sent stay pending; the new holder sends them
                }
                checkedNanos = System.nanoTime();
            }
            if (!sendRound(p, round, failedNow)) {
                break;
            }
            producer.flush(); // returns when every record sent above is acknowledged or failed
            for (RowSend send : round) {
                if (send.error != null) {
                    failedNow.add(send.row.key()); // failed at the broker: the key's later rows stay back
                }
            }
        }
        producer.flush();
        if (!kafkaPause.active() && allTimedOut(sends)) { // (a send that timed out at once has paused already)
            // every record sent expired unacknowledged: the broker is out of reach for this console, though
            // send() did not say so itself (its metadata still cached); another console may reach it
            standAside();
        }
        return sends;
    }

    /**
     * Kafka failed this relay as a whole (unreachable, no producer): it closes its producer and backs
     * off; once the batch is settled the relay gives up the lock for the backoff
     * ({@code OutboxRelay.giveUpLockIfKafkaFailed}), so that another console that reaches Kafka publishes
     * instead of waiting behind a holder that cannot. Alone, it takes the lock again after the backoff.
     * Relay thread only (the relay calls it too, when a cycle fails with a runtime exception).
     */
    void standAside() {
        producer.close();
        kafkaPause.failed();
    }

    /** Sends one round, skipping keys that failed in this cycle; false when the cycle must stop sending. */
    private boolean sendRound(Producer<String, byte[]> p, List<RowSend> round, Set<String> failedNow) {
        for (RowSend send : round) {
            if (!running.getAsBoolean()) {
                return false;
            }
            if (failedNow.contains(send.row.key())) {
                continue; // an earlier row of this key already failed: keep the key's order
            }
            try {
                p.send(producer.record(send.row), (metadata, exception) -> {
                    if (exception != null) {
                        send.error = exception;
                    } else {
                        send.acknowledged(metadata.partition(), metadata.offset(), System.nanoTime());
                    }
                });
                send.sent = true;
            } catch (KafkaException e) {
                send.error = e; // the producer refused the record (closed, fatal state)
                send.sent = true;
                standAside();
                return false;
            }
            if (send.error != null) {
                // failed before it left this process, e.g. no metadata within max.block.ms
                failedNow.add(send.row.key());
                if (send.error instanceof TimeoutException) {
                    // the broker is unreachable: every further send would block as long again
                    standAside();
                    return false;
                }
            }
        }
        return true;
    }

    /** Some records were sent and every one of them failed by timing out. */
    private static boolean allTimedOut(List<RowSend> sends) {
        boolean anySent = false;
        for (RowSend send : sends) {
            if (send.sent) {
                if (!(send.error instanceof TimeoutException)) {
                    return false;
                }
                anySent = true;
            }
        }
        return anySent;
    }
}
