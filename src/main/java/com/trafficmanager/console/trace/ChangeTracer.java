package com.trafficmanager.console.trace;

import com.trafficmanager.console.outbox.PublishedEvent;
import com.trafficmanager.console.route.ChangeResult;
import java.time.Clock;
import java.util.List;

/**
 * Feeds the trace book from the hops the console witnesses: every change its route service commits,
 * and every event its outbox relay publishes. The live tail and the invalidation consumer report their
 * hops to the book directly.
 */
public final class ChangeTracer {
    private final TraceBook book;
    private final Clock clock;

    public ChangeTracer(TraceBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    public void committed(List<ChangeResult> changes) {
        for (ChangeResult change : changes) {
            long revision = change.after() != null ? change.after().rowVersion() : change.before().rowVersion() + 1;
            String detail = change.after() != null ? "row_version " + revision : "route deleted";
            book.committed(change.eventId(), change.eventKey(), change.action().wireName(), revision, clock.instant(),
                    detail);
        }
    }

    public void published(List<PublishedEvent> events) {
        for (PublishedEvent e : events) {
            book.published(e.eventId(), e.partition(),
                    HopRecord.seen(clock.instant(), "partition " + e.partition() + ", offset " + e.offset()));
        }
    }
}
