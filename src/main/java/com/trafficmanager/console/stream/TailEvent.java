package com.trafficmanager.console.stream;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.MalformedEventException;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record as the live tail keeps it: where it sits, its raw bytes, and, once checked, whether
 * {@link EventCodec} reads it as a {@code route_changed} event or why not (not JSON, a field missing,
 * an unknown major version, a null value, binary junk). Malformed records keep their raw bytes and
 * the reason, so they can be shown.
 *
 * <p>Kept compact because tens of thousands are buffered and hundreds of thousands pass per second:
 * the tail only wraps the consumer record (no decoding on its thread); the check runs once, later,
 * on the thread that shows the events, and only its verdict is kept. {@link #event()} decodes again
 * on each call (it is asked for the few rows on screen and the selected one), so no decoded copy of
 * every buffered event sits in memory.
 *
 * <p>Threading: the verdict is one reference to an immutable value, written idempotently, so two
 * threads that check the same record at once agree and see a complete value.
 */
public final class TailEvent {
    private static final Header[] NO_HEADERS = new Header[0];
    private static final Object VALID = new Object();

    private final int partition;
    private final long offset;
    private final long timestamp;
    private final String key;
    private final byte[] value;
    private final Header[] headers;
    private boolean headersRead; // guarded by this
    private Object verdict; // null: not checked yet; VALID; or the problem (a String)

    public TailEvent(int partition, long offset, long timestamp, String key, byte[] value, Header[] headers) {
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers == null || headers.length == 0 ? NO_HEADERS : headers;
    }

    public static TailEvent of(ConsumerRecord<String, byte[]> r) {
        return new TailEvent(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers().toArray());
    }

    /** Whether the record was checked already. */
    public boolean checked() {
        return verdict != null;
    }

    /** Checks the record once (later calls are free); returns whether it is malformed. */
    public boolean check() {
        Object v = verdict;
        if (v == null) {
            Decoded d = decode();
            v = d.event != null ? VALID : d.problem;
            verdict = v;
        }
        return v != VALID;
    }

    private record Decoded(RouteChangedEvent event, String problem) {
    }

    private Decoded decode() {
        if (value == null) {
            return new Decoded(null, "null value (a tombstone, not an event)");
        }
        try {
            return new Decoded(EventCodec.decode(value), null);
        } catch (MalformedEventException e) {
            return new Decoded(null, e.getMessage());
        } catch (RuntimeException e) {
            return new Decoded(null, "unreadable: " + e);
        }
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The record's Kafka timestamp, epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The record key, or null. */
    public String key() {
        return key;
    }

    /** The raw value; null for a tombstone. Do not modify. */
    public byte[] rawValue() {
        return value;
    }

    /**
     * The headers, each read out once under this event's lock. Kafka's record headers decode their key
     * and value lazily and without a lock, and the details pane (JavaFX thread) and an export (its own
     * thread) may read the same event at once: unguarded, one of them could see a header half decoded.
     */
    public synchronized Header[] headers() {
        if (!headersRead) {
            for (Header h : headers) {
                h.key();
                h.value();
            }
            headersRead = true;
        }
        return headers.clone();
    }

    /** The decoded event (decoded on each call), or null when the record is malformed. */
    public RouteChangedEvent event() {
        Object v = verdict;
        if (v != null && v != VALID) {
            return null;
        }
        Decoded d = decode();
        if (v == null) {
            verdict = d.event != null ? VALID : d.problem;
        }
        return d.event;
    }

    /** Why the record is not a readable event, or null when it is one. */
    public String problem() {
        return check() ? (String) verdict : null;
    }

    public boolean malformed() {
        return check();
    }

    /** The value's size in bytes (0 for a tombstone). */
    public int size() {
        return value == null ? 0 : value.length;
    }

    /** The value as UTF-8 text (binary junk shows replacement characters); "" for a tombstone. */
    public String valueText() {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TailEvent[" + partition + "@" + offset + (verdict == null ? " unchecked" : check() ? " malformed: " + verdict : "") + "]";
    }
}
