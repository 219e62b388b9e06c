package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.TailEvent;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A re-filter of every buffered event, run off the window's thread: the table awaits one request at a
 * time; the answer to an older request is dropped, and a request overtaken before it started does no
 * work. Everything but the work itself is called on the window's thread.
 */
final class Refilter {
    private static final Logger LOG = LoggerFactory.getLogger(Refilter.class);

    /** The rows worked out for request {@code asked}; null rows when the work failed. */
    record Answer(long asked, List<TailEvent> rows) {
    }

    private final Executor work;
    private final AtomicLong latest = new AtomicLong(); // the latest request
    private final AtomicReference<Answer> answered = new AtomicReference<>();
    private long awaited; // the request the table waits for, 0 for none
    private long askedAt;

    Refilter(Executor work) {
        this.work = work;
    }

    /** Asks for the rows {@code rows} works out (on the work executor) instead of any earlier request. */
    void ask(Supplier<List<TailEvent>> rows, long nowNanos) {
        long asked = latest.incrementAndGet();
        awaited = asked;
        askedAt = nowNanos;
        work.execute(() -> {
            if (latest.get() != asked) {
                return; // a newer one was asked for before this one started
            }
            List<TailEvent> shown = null;
            try {
                shown = rows.get();
            } catch (RuntimeException e) {
                LOG.error("Re-filtering the live table failed; it is done on the window's thread instead", e);
            }
            answered.set(new Answer(asked, shown));
        });
    }

    /** Stops waiting: an answer on its way is not taken. */
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
