package com.trafficmanager.console.outbox;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to Kafka: reads unpublished rows in id order, sends a whole batch before waiting
 * for the acknowledgements, then marks the acknowledged rows published (partition, offset, time) in one
 * statement. Woken after each commit for low latency; polls as well for rows nobody woke it for.
 *
 * <p>Exactly one relay publishes per database: each holds out for a PostgreSQL advisory lock on a
 * dedicated session ({@link Database#openDedicatedConnection()}), and only the holder publishes. When
 * the holder's session ends (console closed, crashed, network cut) PostgreSQL releases the lock and a
 * standby takes over within one poll interval.
 *
 * <p>Failures: a row whose send fails is counted (attempts, last error) and its key backs off; the
 * key's later rows are not read until then, and acknowledged rows of that key that followed the failed
 * one in the same batch are left unmarked, so they go out again after it and the tail of every key on
 * the topic is in commit order. Other keys go on.
 *
 * <p>Hazards: delivery is at least once. A crash (or a lost lock) between send and mark sends the rows
 * again with the same {@code event_id}; consumers dedupe by it. The lock is checked before each batch
 * and every second during a long one: a relay whose session dies mid-batch may overlap a new holder
 * for up to a second, which again only duplicates. A holder that cannot reach Kafka gives the lock up
 * while it backs off, after marking what was acknowledged, so another console can publish.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** How often a long batch checks that it still holds the lock. */
    private static final long LOCK_CHECK_NANOS = 1_000_000_000L;

    private final Database database;
    private final OutboxRelayConfig config;
    private final boolean stopAfterSendBeforeMark;
    private final WakeSignal signal = new WakeSignal();
    private final List<PublishListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong publishedCount = new AtomicLong();
    private final KeyBackoff backoff;
    private final KafkaPause kafkaPause; // relay thread only
    private final PublishLock lock;
    private final OutboxPruner pruner;
    private final RelayProducer producer;

    private volatile boolean running;
    private volatile boolean crashedAfterSend;
    private volatile String lastError;
    private Thread thread;

    // relay thread only
    private boolean databaseDown;

    public OutboxRelay(Database database, OutboxRelayConfig config) {
        this(database, config, false);
    }

    /**
     * @param stopAfterSendBeforeMark test hook: after the first batch is sent and acknowledged, the relay
     *                                stops as if the process died, without marking the rows published
     */
    OutboxRelay(Database database, OutboxRelayConfig config, boolean stopAfterSendBeforeMark) {
        this.database = Objects.requireNonNull(database, "database");
        this.config = Objects.requireNonNull(config, "config");
        this.stopAfterSendBeforeMark = stopAfterSendBeforeMark;
        this.backoff = new KeyBackoff(config.initialBackoff(), config.maxBackoff());
        this.kafkaPause = new KafkaPause(config.initialBackoff(), config.maxBackoff());
        this.lock = new PublishLock(database, config.lockId());
        this.pruner = new OutboxPruner(database, config.retention(), config.pruneInterval());
        this.producer = new RelayProducer(config, "outbox-relay-" + Integer.toHexString(System.identityHashCode(this)));
    }

    /** Starts the relay's thread; it publishes once it holds the lock. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the relay was already started");
        }
        running = true;
        thread = DaemonThreads.start("outbox-relay", this::run);
    }

    /** Publish now; called after each commit. Never blocks. */
    public void wake() {
        signal.wake();
    }

    /** Whether this relay holds the lock, i.e. is the one publishing for this database. */
    public boolean isLeader() {
        return lock.held();
    }

    /** The last error this relay met (send, database), or null. */
    public String lastError() {
        return lastError;
    }

    /** Rows this relay has published and marked since it started. */
    public long publishedCount() {
        return publishedCount.get();
    }

    /**
     * The outbox backlog as every console sees it (from the database). Never throws: when the database
     * cannot be read, {@code pendingCount} is -1 (unknown) and {@code lastError} says why.
     */
    public Backlog backlog() {
        try (Connection c = database.dataSource().getConnection()) {
            return OutboxRepository.backlog(c);
        } catch (SQLException e) {
            return new Backlog(-1, Duration.ZERO, "database unavailable: " + e.getMessage());
        }
    }

    public void addListener(PublishListener listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    public void removeListener(PublishListener listener) {
        listeners.remove(listener);
    }

    /** True once the test hook has stopped the relay between send and mark. */
    boolean crashedAfterSend() {
        return crashedAfterSend;
    }

    /**
     * Stops publishing, releases the lock (a standby takes over) and closes the producer. Waits up to
     * 10 s for the current batch; a batch stuck on an unreachable broker is abandoned and its rows stay
     * pending for the next holder.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        signal.wake();
        if (t == null) {
            return;
        }
        try {
            t.join(CLOSE_WAIT.toMillis());
            if (t.isAlive()) {
                producer.abort(); // frees a flush that waits for an unreachable broker
                t.join(CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the relay thread ---------------------------------------------------------------------------

    private void run() {
        LOG.info("outbox relay started (topic {}, poll every {} ms)", config.topic(), config.pollInterval().toMillis());
        try {
            while (running) {
                long waitNanos = config.pollInterval().toNanos();
                try {
                    // while it waits out a Kafka failure this relay stands aside: a console that reaches
                    // Kafka takes the lock meanwhile and publishes
                    if (!kafkaPause.active() && lock.tryHold()) {
                        signal.clear();
                        int read = publishBatch();
                        if (crashedAfterSend) {
                            return;
                        }
                        if (!giveUpLockIfKafkaFailed()) { // after the acknowledged rows were marked
                            pruner.pruneWhenDue(() -> running);
                        }
                        waitNanos = read > 0 ? 0 : nextWait();
                    }
                    if (databaseDown) {
                        databaseDown = false;
                        LOG.info("outbox relay: the database answers again");
                    }
                } catch (SQLException e) {
                    recordError("database: " + e.getMessage());
                    // once per outage: the relay tries again every poll interval, and a log line each time
                    // would bury everything else in the log of a console left running through the outage
                    if (!databaseDown) {
                        LOG.warn("outbox relay: database error, stepping down and retrying every {} ms: {}",
                                config.pollInterval().toMillis(), e.getMessage());
                    } else {
                        LOG.debug("outbox relay: database still unavailable: {}", e.getMessage());
                    }
                    databaseDown = true;
                    kafkaPause.takeLockToGiveUp(); // the lock goes anyway
                    lock.release();
                } catch (RuntimeException e) { // e.g. no producer: the bootstrap servers do not resolve
                    recordError(e.toString());
                    LOG.error("outbox relay cycle failed; standing aside before trying again", e);
                    standAside();
                    giveUpLockIfKafkaFailed();
                    waitNanos = nextWait();
                } catch (Error e) {
                    // the thread ends here: say so where the status bar reads it, not only in the log
                    recordError("the outbox relay stopped: " + e);
                    LOG.error("the outbox relay stopped", e);
                    throw e;
                }
                if (waitNanos > 0 && running) {
                    signal.await(waitNanos);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.release();
            producer.close();
            LOG.info("outbox relay stopped ({} events published)", publishedCount.get());
        }
    }

    /** One cycle: read, send, wait for the acks, mark. Returns the number of rows read. */
    private int publishBatch() throws SQLException, InterruptedException {
        if (kafkaPause.active()) {
            return 0;
        }
        List<PendingRow> rows;
        try (Connection c = database.dataSource().getConnection()) {
            rows = OutboxRepository.selectPending(c, config.batchSize(), backoff.heldBack(System.nanoTime()));
        }
        if (rows.isEmpty()) {
            return 0;
        }
        if (!lockStillHeld()) {
            return 0;
        }
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
                if (!lockStillHeld()) {
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
        if (stopAfterSendBeforeMark) {
            LOG.warn("outbox relay test hook: stopping after send, before mark ({} rows read)", n);
            crashedAfterSend = true;
            running = false;
            return n;
        }
        settle(sends);
        return n;
    }

    /** Sends one round, skipping keys that failed in this cycle; false when the cycle must stop sending. */
    private boolean sendRound(Producer<String, byte[]> p, List<RowSend> round, Set<String> failedNow) {
        for (RowSend send : round) {
            if (!running) {
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

    private void settle(List<RowSend> sends) throws SQLException {
        Set<String> failedKeys = new HashSet<>();
        Set<String> blockedKeys = new HashSet<>();
        Map<String, List<Long>> failedByError = new HashMap<>();
        List<RowSend> done = new ArrayList<>(sends.size());
        for (RowSend send : sends) {
            String key = send.row.key();
            if (!send.sent) {
                blockedKeys.add(key);
            } else if (send.error != null) {
                failedKeys.add(key);
                blockedKeys.add(key);
                failedByError.computeIfAbsent(describe(send.error), k -> new ArrayList<>()).add(send.row.id());
            } else if (!blockedKeys.contains(key)) {
                done.add(send);
            } // else: acknowledged after a failed row of its key; left pending to go out again after it
        }
        long[] ids = new long[done.size()];
        int[] partitions = new int[done.size()];
        long[] offsets = new long[done.size()];
        List<PublishedEvent> published = new ArrayList<>(done.size());
        for (int j = 0; j < done.size(); j++) {
            RowSend send = done.get(j);
            ids[j] = send.row.id();
            partitions[j] = send.partition;
            offsets[j] = send.offset;
            published.add(send.published());
        }
        if (!failedByError.isEmpty()) { // known here before the database says so: whoever reads both agrees
            recordError(failedByError.keySet().iterator().next());
        }
        try (Connection c = database.dataSource().getConnection()) {
            OutboxRepository.markPublished(c, ids, partitions, offsets);
            for (Map.Entry<String, List<Long>> e : failedByError.entrySet()) {
                OutboxRepository.markFailed(c, e.getValue().stream().mapToLong(Long::longValue).toArray(), e.getKey());
            }
        }
        long now = System.nanoTime();
        for (PublishedEvent e : published) {
            backoff.succeeded(e.key());
        }
        failedKeys.forEach(k -> backoff.failed(k, now));
        if (failedKeys.isEmpty()) {
            kafkaPause.succeeded();
        } else {
            String error = failedByError.keySet().iterator().next();
            LOG.warn("outbox relay: {} rows of {} keys failed to send ({}); they back off", 
                    failedByError.values().stream().mapToInt(List::size).sum(), failedKeys.size(), error);
        }
        publishedCount.addAndGet(published.size());
        if (!published.isEmpty()) {
            if (failedKeys.isEmpty()) {
                lastError = null;
            }
            notifyListeners(published);
        }
    }

    /**
     * Kafka failed this relay as a whole (unreachable, no producer): it closes its producer and backs
     * off; once the batch is settled it gives up the lock for the backoff ({@link #giveUpLockIfKafkaFailed}),
     * so that another console that reaches Kafka publishes instead of waiting behind a holder that
     * cannot. Alone, it takes the lock again after the backoff.
     */
    private void standAside() {
        producer.close();
        kafkaPause.failed();
    }

    /** Gives up the lock for the pause if Kafka failed this cycle; returns whether it did fail. */
    private boolean giveUpLockIfKafkaFailed() {
        if (!kafkaPause.takeLockToGiveUp()) {
            return false;
        }
        if (lock.held()) {
            LOG.warn("outbox relay: Kafka failed; giving up the publish lock for {} ms so that another console "
                    + "can publish", Math.max(0, kafkaPause.remainingNanos() / 1_000_000));
            lock.release();
        }
        return true;
    }

    /** Whether the lock session still holds the lock; if not, steps down. */
    private boolean lockStillHeld() throws SQLException {
        if (lock.stillHeld()) {
            return true;
        }
        LOG.warn("outbox relay lost its lock session; stepping down before sending");
        lock.release();
        return false;
    }

    private long nextWait() {
        long now = System.nanoTime();
        long wait = config.pollInterval().toNanos();
        long retry = backoff.nanosUntilNextRetry(now);
        if (retry > 0) {
            wait = Math.min(wait, retry);
        }
        long pause = kafkaPause.remainingNanos();
        if (pause > 0) {
            wait = Math.min(wait, pause);
        }
        return Math.max(wait, 1_000_000);
    }

    private void notifyListeners(List<PublishedEvent> published) {
        List<PublishedEvent> view = List.copyOf(published);
        for (PublishListener l : listeners) {
            try {
                l.published(view);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // a listener is the UI's or a test's code: its failure must not stop the publishing
                LOG.warn("publish listener failed: {}", e.toString(), e);
            }
        }
    }

    private void recordError(String error) {
        lastError = error;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }
}
