package com.trafficmanager.console.trace;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.outbox.PublishState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes the traces of this console's recent changes with what it can only look up: a publish done
 * by another console's relay (from the outbox), a consumer it does not run (after a grace period the
 * hop is marked as not witnessed), and the final cache check (the route's key is absent or holds the
 * change's revision or a newer one). Runs on its own thread, once a second, over the few traces that
 * are not complete yet.
 *
 * <p>A sweep costs at most one database read (the publish state of every unpublished trace, in one
 * statement) and one Redis read (every key to check, in one MGET), however many traces are open: during
 * a Kafka outage a bulk action of 500 routes leaves 500 traces unpublished, and one read each, every
 * second, would take most of the session's small connection pool; with the database not answering, each
 * read waits for the pool's timeout, so a sweep of one read per trace would last an hour. A read that
 * fails ends that step of the sweep (logged once); the next sweep tries again.
 *
 * <p>A trace is followed every second for {@link #FOLLOW_FOR} after its latest progress (a hop, or an
 * operator opening it), not after it was first seen: an outage longer than that (Kafka down for 15
 * minutes) holds a change back without losing it, and the trace must complete once the outage ends.
 * Beyond that window a trace is only looked at once every {@link #STALE_EVERY}, so that hundreds of
 * stuck traces cost a few reads a minute, and a publish by another console's relay (which reports
 * nothing here, so only this watcher's look brings it) is still found.
 */
public final class TraceWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TraceWatcher.class);
    /** How long after publishing a consumer this console does not run is given before the cache check. */
    static final Duration UNWITNESSED_GRACE = Duration.ofSeconds(3);
    /** How long a running live tail is given to read an event before the hop is marked as not seen. */
    static final Duration TAIL_WITHIN = Duration.ofSeconds(10);
    /** A change published this long before this console began following it was looked up, not followed. */
    static final Duration LOOKED_UP_AFTER = Duration.ofMinutes(1);
    /** A trace without progress for this long is looked at only once every {@link #STALE_EVERY}. */
    static final Duration FOLLOW_FOR = Duration.ofMinutes(10);
    /** How often a trace without progress is still looked at (see the class comment). */
    static final Duration STALE_EVERY = Duration.ofMinutes(1);

    /** Where many events stand in the outbox, in one read; an event it does not know may be left out. */
    public interface PublishStates {
        Map<UUID, PublishState> of(Collection<UUID> eventIds) throws Exception;
    }

    /**
     * Reads the route cache for many route keys ({@code tenant:service:env:version}) in one round trip;
     * a key left out of the answer is not checked this time.
     */
    public interface CacheReader {
        Map<String, CacheState> read(List<String> routeKeys) throws Exception;
    }

    private final TraceBook book;
    private final PublishStates publishStates;
    private final CacheReader cache;
    private final IntPredicate consumerOwnsPartition;
    private final BooleanSupplier tailRunning;
    private final Clock clock;
    /** The last sweep failure logged with its stack (watcher thread only): a repeat is logged briefly. */
    private String lastFailure;
    /** When stale traces were last looked at; only the watcher's thread (or a test driving {@link #sweep}) uses it. */
    private Instant staleLookedAt;
    private final ScheduledExecutorService scheduler;
    /** A nudged sweep is queued and has not started: further nudges need none of their own. */
    private final AtomicBoolean sweepPending = new AtomicBoolean();

    /**
     * @param consumerOwnsPartition whether this console's invalidation consumer runs and is assigned a
     *                              partition; if not, its processing of that partition cannot be witnessed here
     * @param tailRunning           whether the live tail runs (it starts with the Live events tab)
     */
    public TraceWatcher(TraceBook book, PublishStates publishStates, CacheReader cache,
                        IntPredicate consumerOwnsPartition, BooleanSupplier tailRunning, Clock clock) {
        this(book, publishStates, cache, consumerOwnsPartition, tailRunning, clock,
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("trace-watcher")));
    }

    /** @param scheduler a single thread: sweeps must not overlap (tests pass one they can inspect) */
    TraceWatcher(TraceBook book, PublishStates publishStates, CacheReader cache, IntPredicate consumerOwnsPartition,
                 BooleanSupplier tailRunning, Clock clock, ScheduledExecutorService scheduler) {
        this.book = book;
        this.publishStates = publishStates;
        this.cache = cache;
        this.consumerOwnsPartition = consumerOwnsPartition;
        this.tailRunning = tailRunning;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweepSafely, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * A sweep whose failure does not end the schedule (an exception out of a scheduled task ends it for
     * good, silently). The JVM's own failures (out of memory) go to the thread's handler, which shows them,
     * and end it; anything else is logged, its stack once, and the next tick tries again.
     */
    private void sweepSafely() {
        try {
            sweep();
        } catch (VirtualMachineError e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e); // the executor would keep it to itself
            throw e;
        } catch (RuntimeException | Error e) { // a listener of the book failing, say
            String failure = e.toString();
            if (failure.equals(lastFailure)) {
                LOG.debug("trace sweep failed again: {}", failure);
            } else {
                LOG.warn("trace sweep failed; trying again in a second", e);
                lastFailure = failure;
            }
        }
    }

    /**
     * A sweep now rather than at the next tick (a hop arrived that the cache check waits for). Nudges
     * while one is queued add nothing: that sweep reads the book when it starts, so it sees their hops
     * too; a burst of consumer reports would otherwise queue one sweep (and its reads) per report.
     */
    public void nudge() {
        if (scheduler.isShutdown() || !sweepPending.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                sweepPending.set(false); // before reading the book: a hop from now on gets a sweep of its own
                sweepSafely();
            });
        } catch (RejectedExecutionException closing) {
            sweepPending.set(false); // closed meanwhile: nothing left to sweep for
        }
    }

    /** One pass over the incomplete traces; public so tests can drive it without waiting. */
    public void sweep() {
        Instant now = clock.instant();
        boolean staleToo = staleLookedAt == null || Duration.between(staleLookedAt, now).compareTo(STALE_EVERY) >= 0;
        if (staleToo) {
            staleLookedAt = now;
        }
        List<ChangeTrace> open = new ArrayList<>();
        for (ChangeTrace trace : book.recent()) {
            boolean settled = trace.complete() && trace.hop(Hop.SEEN_BY_TAIL).isPresent();
            if (!settled && trace.routeKey() != null && (staleToo || !stale(trace, now))) {
                open.add(trace);
            }
        }
        if (open.isEmpty()) {
            return;
        }
        Map<UUID, PublishState> published = readPublishStates(open);
        List<ChangeTrace> toCheck = new ArrayList<>();
        for (ChangeTrace trace : open) {
            try {
                if (advance(trace, published.get(trace.eventId()), now)) {
                    toCheck.add(trace);
                }
            } catch (RuntimeException e) { // one odd trace must not end the periodic sweeps
                LOG.debug("trace {}: {}", trace.eventId(), e.toString());
            }
        }
        checkCache(toCheck);
    }

    /** The outbox's word on every open trace without a publish, in one read; empty when that read fails. */
    private Map<UUID, PublishState> readPublishStates(List<ChangeTrace> open) {
        List<UUID> unpublished = open.stream().filter(t -> t.hop(Hop.PUBLISHED).isEmpty())
                .map(ChangeTrace::eventId).toList();
        if (unpublished.isEmpty()) {
            return Map.of();
        }
        try {
            return publishStates.of(unpublished);
        } catch (Exception e) {
            LOG.debug("publish state of {} traced events: {}", unpublished.size(), e.toString());
            return Map.of();
        }
    }

    /**
     * Fills in the hops the watcher concludes; true when the trace waits only for its cache check.
     *
     * @param state the outbox's word when the trace has no publish yet; null when not read or not known
     */
    private boolean advance(ChangeTrace trace, PublishState state, Instant now) {
        if (trace.hop(Hop.PUBLISHED).isEmpty()) {
            if (state == null || !state.published()) {
                return false;
            }
            book.publishedIfAbsent(trace.eventId(), state.partition(), new HopRecord(state.publishedAt(), "partition "
                    + state.partition() + ", offset " + state.offset() + " (published by another console's relay)", false));
            trace = book.find(trace.eventId()).orElse(trace);
        }
        Instant published = trace.hop(Hop.PUBLISHED).map(HopRecord::at).orElse(null);
        if (trace.hop(Hop.SEEN_BY_TAIL).isEmpty() && published != null) {
            boolean running = tailRunning.getAsBoolean();
            Duration since = Duration.between(published, now);
            if (!running && since.compareTo(UNWITNESSED_GRACE) >= 0) {
                book.hopIfAbsent(trace.eventId(), Hop.SEEN_BY_TAIL, HopRecord.notWitnessed(
                        "not witnessed: the live tail is not running (open the Live events tab)"));
            } else if (running && since.compareTo(TAIL_WITHIN) >= 0) {
                book.hopIfAbsent(trace.eventId(), Hop.SEEN_BY_TAIL, HopRecord.notWitnessed(
                        "not seen: the live tail started after this event, or is paused"));
            }
        }
        if (trace.complete()) {
            return false;
        }
        if (trace.hop(Hop.PROCESSED).isEmpty()) {
            Instant followedSince = trace.followedSince() == null ? now : trace.followedSince();
            if (published != null && Duration.between(published, followedSince).compareTo(LOOKED_UP_AFTER) >= 0) {
                // an old change looked up now: its processing, if any, happened before anything here watched
                book.hopIfAbsent(trace.eventId(), Hop.PROCESSED, HopRecord.notWitnessed(
                        "not witnessed: published before this trace was opened"));
            } else {
                boolean witnessable = trace.partition() != ChangeTrace.UNKNOWN_PARTITION
                        && consumerOwnsPartition.test(trace.partition());
                if (witnessable || published == null
                        || Duration.between(published, now).compareTo(UNWITNESSED_GRACE) < 0) {
                    return false; // this console's consumer will report it, or the grace has not passed yet
                }
                book.hopIfAbsent(trace.eventId(), Hop.PROCESSED, HopRecord.notWitnessed(
                        "not witnessed: this console's invalidation consumer does not run or does not own the key's"
                                + " partition (another console's may process it; the cache check below says whether"
                                + " the cache is right)"));
            }
        }
        return true;
    }

    /** The cache check of every trace that waits for it, in one read; nothing when that read fails. */
    private void checkCache(List<ChangeTrace> traces) {
        if (traces.isEmpty()) {
            return;
        }
        Map<String, CacheState> states;
        try {
            states = cache.read(traces.stream().map(ChangeTrace::routeKey).distinct().toList());
        } catch (Exception e) {
            LOG.debug("route cache of {} traced changes: {}", traces.size(), e.toString());
            return;
        }
        for (ChangeTrace trace : traces) {
            CacheState state = states.get(trace.routeKey());
            if (state != null && state.rightFor(trace.revision())) {
                book.hop(trace.eventId(), Hop.CACHE_VERIFIED, HopRecord.seen(clock.instant(), state.describe()));
            }
        }
    }

    /** No progress for {@link #FOLLOW_FOR}: see the class comment. */
    private static boolean stale(ChangeTrace trace, Instant now) {
        Instant last = trace.lastProgress();
        return last != null && Duration.between(last, now).compareTo(FOLLOW_FOR) > 0;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
