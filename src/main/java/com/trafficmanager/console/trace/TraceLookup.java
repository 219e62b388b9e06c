package com.trafficmanager.console.trace;

import com.trafficmanager.console.db.ClockOffset;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.MalformedEventException;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Brings any change into the trace book, also one this console did not make or made long ago: its
 * outbox row holds the exact event (key, action, revision, time) and where it was published. The
 * watcher then completes the trace (consumer hop as not witnessed, the cache check now). A change
 * whose outbox row was pruned cannot be traced any more. Blocking (JDBC): call it off the UI thread.
 */
public final class TraceLookup {
    private static final String BY_EVENT = """
            select payload, created_at, published_at, kafka_partition, kafka_offset, statement_timestamp()
              from outbox where event_id = ?""";

    private final DataSource dataSource;
    private final TraceBook book;

    public TraceLookup(DataSource dataSource, TraceBook book) {
        this.dataSource = dataSource;
        this.book = book;
    }

    /**
     * True when the book now has a trace of the event; false when no outbox row describes it. A trace the
     * book holds already is reopened rather than read again: the watcher follows it from now, so one that
     * made no progress for longer than its follow window (held up by an outage) is checked again at once.
     */
    public boolean load(UUID eventId) throws SQLException {
        if (book.reopen(eventId)) {
            return true;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_EVENT)) {
            ps.setObject(1, eventId);
            Instant before = book.clock().instant();
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                // the outbox's times are the database's clock; the book's hops are on the workstation's
                ClockOffset databaseClock = ClockOffset.measured(rs.getTimestamp(6).toInstant(), before,
                        book.clock().instant());
                RouteChangedEvent event = EventCodec.decode(rs.getBytes(1));
                long revision = event.revision() == null ? 0 : event.revision();
                book.committed(eventId, event.key(), event.action().wireName(), revision,
                        databaseClock.toLocal(rs.getTimestamp(2).toInstant()),
                        "row_version " + revision + " (from the outbox)");
                Timestamp published = rs.getTimestamp(3);
                if (published != null) {
                    int partition = rs.getInt(4);
                    book.published(eventId, partition, new HopRecord(databaseClock.toLocal(published.toInstant()),
                            "partition " + partition + ", offset " + rs.getLong(5) + " (from the outbox)", false));
                }
                return true;
            }
        } catch (MalformedEventException e) {
            throw new SQLException("the outbox row of event " + eventId + " does not hold a readable event: "
                    + e.getMessage(), e);
        }
    }
}
