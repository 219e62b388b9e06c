package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;

/**
 * The embedded cache-invalidation consumer: reads route events with the configured group, and per
 * event, in one atomic Redis step, remembers its {@code event_id} and deletes the route's cache key
 * (see {@link Scripts}); a repeated event id is a duplicate and changes nothing. Manual commits after
 * processing: at-least-once, made effectively-once by the dedupe.
 *
 * <p>The Kafka consumer lives on exactly one thread, started by {@link #start} and stopped with
 * {@code wakeup()} by {@link #stop}. The other methods only set flags that thread reads, so they
 * return at once and may be called from any thread. If the loop fails unexpectedly (a Kafka error it
 * cannot ride out) the consumer is rebuilt after a backoff; it never stays dead on its own.
 *
 * <p>Hazard: {@link #armCrashAfterProcessing()} is fault injection for the sandbox: the next batch is
 * processed and then abandoned uncommitted, as if the process had died. The tab offers it only on the
 * sandbox.
 */
public final class InvalidationConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationConsumer.class);

    private final InvalidationConfig config;
    private final JedisPooled redis;
    private final InvalidationCounters counters = new InvalidationCounters();
    private final RecentEvents recent = new RecentEvents(RecentEvents.DEFAULT_CAPACITY);
    private final List<BatchListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean crashArmed = new AtomicBoolean();
    private volatile boolean stopRequested;
    private volatile boolean pauseRequested;
    private volatile ConsumerState state = ConsumerState.STOPPED;
    private volatile String stateDetail = "";
    private volatile Set<Integer> assigned = Set.of();
    private volatile int lastCrashUncommitted = -1;
    private volatile ConsumerRun current;
    private Thread thread;
    /** True from start() until the thread has closed its run and shown its end state (guarded by this). */
    private boolean supervising;

    public InvalidationConsumer(InvalidationConfig config, JedisPooled redis) {
        this.config = config;
        this.redis = redis;
    }

    /** Starts the consumer thread unless one runs already (a thread that has shown its end state does not). */
    public synchronized void start() {
        if (supervising) {
            return;
        }
        supervising = true;
        stopRequested = false;
        state = ConsumerState.STARTING;
        stateDetail = "";
        thread = DaemonThreads.start("invalidation-consumer", this::supervise);
    }

    /** Asks the thread to commit what it processed, leave the group and end; returns at once. */
    public void stop() {
        stopRequested = true;
        ConsumerRun run = current;
        if (run != null) {
            run.wakeup();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Waits until the thread has ended; true if it did within the timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(timeout.toMillis());
            return !t.isAlive();
        }
        return true;
    }

    /** Pauses every assigned partition; the consumer keeps polling, so it keeps its place in the group. */
    public void pause() {
        pauseRequested = true;
    }

    public void resume() {
        pauseRequested = false;
    }

    /** Fault injection: process the next batch, then die without committing it. */
    public void armCrashAfterProcessing() {
        crashArmed.set(true);
    }

    public boolean crashArmed() {
        return crashArmed.get();
    }

    /** Valid events processed but left uncommitted by the last injected crash; -1 before any. */
    public int lastCrashUncommitted() {
        return lastCrashUncommitted;
    }

    public void addListener(BatchListener listener) {
        listeners.add(listener);
    }

    public void removeListener(BatchListener listener) {
        listeners.remove(listener);
    }

    public ConsumerState state() {
        return state;
    }

    public String stateDetail() {
        return stateDetail;
    }

    public boolean running() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        return t != null && t.isAlive();
    }

    /** The partitions this member owns now. */
    public Set<Integer> assignedPartitions() {
        return assigned;
    }

    public InvalidationCounters counters() {
        return counters;
    }

    public RecentEvents recent() {
        return recent;
    }

    public InvalidationConfig config() {
        return config;
    }

    @Override
    public void close() {
        stop();
        try {
            if (!awaitStopped(Duration.ofSeconds(15))) {
                LOG.warn("the invalidation consumer did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- used by the consumer thread -----------------------------------------------------------------

    private void supervise() {
        boolean crashed = false;
        Throwable fatal = null;
        try {
            crashed = runUntilStoppedOrCrashed();
        } catch (RuntimeException | Error e) { // out of memory, or before its first run: it cannot go on
            fatal = e;
            LOG.error("the invalidation consumer stopped", e);
            throw e;
        } finally {
            if (crashed) {
                finish(ConsumerState.CRASHED, "crashed after processing " + lastCrashUncommitted
                        + " events, before committing them");
            } else {
                // a consumer ended by the JVM's own failure must not look like one the operator stopped
                finish(ConsumerState.STOPPED, fatal == null ? "" : "stopped by " + fatal + ": press Start");
            }
        }
    }

    /** Runs the consumer, restarting it after failures; true if it ended in an injected crash. */
    private boolean runUntilStoppedOrCrashed() {
        long backoffMs = config.retryMin().toMillis();
        BatchInvalidator invalidator = new BatchInvalidator(redis, config);
        boolean crashed = false;
        while (!stopRequested && !crashed) {
            ConsumerRun run = null;
            long startedNanos = System.nanoTime();
            try {
                run = new ConsumerRun(this, invalidator);
                current = run;
                if (stopRequested) {
                    break;
                }
                crashed = run.run();
            } catch (VirtualMachineError e) {
                throw e; // out of memory or stack: nothing here can be trusted to go on
            } catch (RuntimeException | Error e) { // an Error too: the consumer never stays dead on its own
                if (System.nanoTime() - startedNanos > config.retryMax().toNanos()) {
                    backoffMs = config.retryMin().toMillis(); // it ran well for a while: a new failure starts short
                }
                LOG.error("the invalidation consumer failed; restarting in {} ms", backoffMs, e);
                counters.error();
                showState(ConsumerState.RESTARTING, e.toString());
                LockSupport.parkNanos(backoffMs * 1_000_000L);
                backoffMs = Math.min(backoffMs * 2, config.retryMax().toMillis());
            } finally {
                current = null;
                assigned = Set.of();
                if (run != null) {
                    try {
                        run.close();
                    } catch (VirtualMachineError e) {
                        throw e;
                    } catch (RuntimeException | Error e) { // a failed close must not end the restarts
                        LOG.warn("closing the consumer run: {}", e.toString());
                    }
                }
            }
        }
        return crashed;
    }

    /**
     * The end state, shown only once the run is closed and together with letting a new start in: a
     * Start that sees CRASHED or STOPPED starts a new thread, instead of finding this one still
     * closing and doing nothing.
     */
    private synchronized void finish(ConsumerState end, String detail) {
        showState(end, detail);
        supervising = false;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    boolean pauseRequested() {
        return pauseRequested;
    }

    boolean takeCrashArm() {
        return crashArmed.compareAndSet(true, false);
    }

    void crashed(int uncommittedEvents) {
        lastCrashUncommitted = uncommittedEvents;
    }

    void showState(ConsumerState s, String detail) {
        state = s;
        if (detail != null) {
            stateDetail = detail;
        } else if (s == ConsumerState.RUNNING || s == ConsumerState.PAUSED || s == ConsumerState.STARTING) {
            stateDetail = "";
        }
    }

    void assigned(Set<TopicPartition> partitions) {
        assigned = partitions.stream().map(TopicPartition::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    void notifyListeners(List<ProcessedEvent> events, long redisDoneNanos) {
        for (BatchListener l : listeners) {
            try {
                l.onBatch(events, redisDoneNanos);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // a listener is the UI's or a test's code: its failure must not stop the invalidation
                LOG.warn("a batch listener failed: {}", e.toString(), e);
            }
        }
    }
}
