package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.TailEvent;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-filter of every buffered event, run off the window's thread: the table awaits one request at a
 * time. Work overtaken by a newer request stops (before it starts, or within the next
 * {@value #OVERTAKEN_CHECK_EVERY} events it tests), and an answer to an older request never replaces a
 * newer one, whatever order they finish in. Everything but the work itself is called on the window's
 * thread.
 */
final class Refilter {
    private static final Logger LOG = LoggerFactory.getLogger(Refilter.class);
    static final int OVERTAKEN_CHECK_EVERY = 1024;

    /** The rows worked out for request {@code asked}, or why there are none ({@code failure}, rows null). */
    record Answer(long asked, List<TailEvent> rows, String failure) {
    }

    /** Ends work a newer request overtook: nobody waits for its answer. */
    private static final class Overtaken extends RuntimeException {
        Overtaken() {
            super("overtaken by a newer re-filter", null, false, false);
        }
    }

    private final Executor work;
    private final AtomicLong latest = new AtomicLong(); // the latest request
    private final AtomicReference<Answer> answered = new AtomicReference<>();
    private long awaited; // the request the table waits for, 0 for none
    private long askedAt;

    Refilter(Executor work) {
        this.work = work;
    }

    /**
     * Asks, instead of any earlier request, for the rows {@code rows} works out with {@code filter} (on the
     * work executor); {@code rows} must test events only through the filter it is given.
     */
    void ask(Predicate<TailEvent> filter, Function<Predicate<TailEvent>, List<TailEvent>> rows, long nowNanos) {
        long asked = latest.incrementAndGet();
        awaited = asked;
        askedAt = nowNanos;
        work.execute(() -> run(asked, filter, rows));
    }

    private void run(long asked, Predicate<TailEvent> filter, Function<Predicate<TailEvent>, List<TailEvent>> rows) {
        int[] tested = {0};
        Predicate<TailEvent> stoppable = e -> {
            if (++tested[0] % OVERTAKEN_CHECK_EVERY == 0 && latest.get() != asked) {
                throw new Overtaken();
            }
            return filter.test(e);
        };
        List<TailEvent> shown;
        try {
            if (latest.get() != asked) {
                return; // a newer one was asked for before this one started
            }
            shown = rows.apply(stoppable);
        } catch (Overtaken o) {
            return;
        } catch (RuntimeException | Error e) { // the table must not wait for good; an Error goes on up after
            LOG.error("Re-filtering the live table failed", e);
            publish(new Answer(asked, null, e.toString()));
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        publish(new Answer(asked, shown, null));
    }

    private void publish(Answer answer) {
        answered.accumulateAndGet(answer, (held, now) -> held == null || now.asked() > held.asked() ? now : held);
    }

    /** Stops waiting: work on its way stops, and its answer is not taken. */
    void cancel() {
        latest.incrementAndGet();
        awaited = 0;
    }

    boolean waiting() {
        return awaited != 0;
    }

    boolean waitingFor(long nanos, long nowNanos) {
        return awaited != 0 && nowNanos - askedAt >= nanos;
    }

    /** The awaited answer once it is there (and then no longer waiting), else null. */
    Answer take() {
        Answer a = answered.get();
        if (a == null || a.asked() != awaited) {
            return null;
        }
        answered.compareAndSet(a, null);
        awaited = 0;
        return a;
    }
}
