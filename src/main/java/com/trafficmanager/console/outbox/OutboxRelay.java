package com.trafficmanager.console.outbox;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Pieces: the relay keeps the loop (the lock, the wake signal, the pause, a cycle's errors) and reads
 * the batch; {@link BatchSender} sends it in rounds and {@link BatchSettlement} marks what was
 * acknowledged. All three run on the relay's one thread and share its {@link KeyBackoff} and
 * {@link KafkaPause}, which are not thread-safe.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

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
    private final BatchSender sender;
    private final BatchSettlement settlement;

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
        this.sender = new BatchSender(producer, kafkaPause, () -> running, this::lockStillHeld);
        this.settlement = new BatchSettlement(database, backoff, kafkaPause, publishedCount, listeners, this::recordError);
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
                    sender.standAside();
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
        int n = rows.size();
        List<RowSend> sends = sender.send(rows);
        if (stopAfterSendBeforeMark) {
            LOG.warn("outbox relay test hook: stopping after send, before mark ({} rows read)", n);
            crashedAfterSend = true;
            running = false;
            return n;
        }
        settlement.settle(sends);
        return n;
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

    private void recordError(String error) {
        lastError = error;
    }
}
