package com.trafficmanager.console.stream;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.MalformedEventException;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * One record as the live tail keeps it: where it sits, its raw bytes, and, once checked, whether
 * {@link EventCodec} reads it as a {@code route_changed} event or why not (not JSON, a field missing,
 * an unknown major version, a null value, binary junk). Malformed records keep their raw bytes and
 * the reason, so they can be shown.
 *
 * <p>Kept compact because tens of thousands are buffered and hundreds of thousands pass per second:
 * the tail only wraps the consumer record (no decoding on its thread); the check runs once, later,
 * on the thread that shows the events, and only its verdict is kept (malformed and why, or the action
 * and whether the key is the event's). {@link #event()} decodes again
 * on each call (it is asked for the few rows on screen and the selected one), so no decoded copy of
 * every buffered event sits in memory.
 *
 * <p>Threading: the verdict is one reference to an immutable value, written idempotently, so two
 * threads that check the same record at once agree and see a complete value.
 */
public final class TailEvent {
    private static final Header[] NO_HEADERS = new Header[0];

    /**
     * The verdict on a readable event: its action, and whether the record key is the event's own
     * {@code tenant:service:env:version}. What the Live filter asks of every buffered event, answered
     * without decoding it again; one shared instance per combination, so it costs no memory per event.
     */
    private record Readable(Action action, boolean keyIsTheEvents) {
        private static final Readable[] ALL = new Readable[Action.values().length * 2];

        static {
            for (Action a : Action.values()) {
                ALL[a.ordinal() * 2] = new Readable(a, false);
                ALL[a.ordinal() * 2 + 1] = new Readable(a, true);
            }
        }

        static Readable of(RouteChangedEvent event, String key) {
            return ALL[event.action().ordinal() * 2 + (event.key().equals(key) ? 1 : 0)];
        }
    }

    private final int partition;
    private final long offset;
    private final long timestamp;
    private final String key;
    private final byte[] value;
    private final Header[] headers;
    // null: not checked yet; a Readable; or the problem (a String). The window's thread and the Live filter's
    // thread may both check an event: each works out the same immutable verdict, so a race only repeats work.
    // Read once per question (verdict()): a second plain read of a field another thread wrote may see null
    private Object verdict;

    public TailEvent(int partition, long offset, long timestamp, String key, byte[] value, Header[] headers) {
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers == null || headers.length == 0 ? NO_HEADERS : headers;
    }

    /**
     * The record as the tail keeps it. Its headers are copied out now: Kafka's read their values lazily from
     * a slice of the whole fetch response, so one kept header would hold that response (up to a megabyte per
     * partition) in memory for as long as the event stays in its ring.
     */
    public static TailEvent of(ConsumerRecord<String, byte[]> r) {
        Header[] read = r.headers().toArray();
        Header[] copied = new Header[read.length];
        for (int i = 0; i < read.length; i++) {
            copied[i] = new RecordHeader(read[i].key(), read[i].value());
        }
        return new TailEvent(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), copied);
    }

    /** Whether the record was checked already. */
    public boolean checked() {
        return verdict != null;
    }

    /** Checks the record once (later calls are free); returns whether it is malformed. */
    public boolean check() {
        return verdict() instanceof String;
    }

    /** The verdict, worked out once; callers use what this returns, never the field read again (see the field). */
    private Object verdict() {
        Object v = verdict;
        if (v == null) {
            v = verdictOf(decode());
            verdict = v;
        }
        return v;
    }

    private Object verdictOf(Decoded d) {
        return d.event != null ? Readable.of(d.event, key) : d.problem;
    }

    /** The event's action without decoding it again, or null when the record is malformed. */
    public Action action() {
        return verdict() instanceof Readable r ? r.action() : null;
    }

    /**
     * Whether the record key is the event's own {@code tenant:service:env:version} (then the key answers
     * for those fields without decoding the value); false for a malformed record.
     */
    public boolean keyIsTheEvents() {
        return verdict() instanceof Readable r && r.keyIsTheEvents();
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

    /** The headers (a copy of the array; see {@link #of} for why their values are read out at once). */
    public Header[] headers() {
        return headers.clone();
    }

    /** The decoded event (decoded on each call), or null when the record is malformed. */
    public RouteChangedEvent event() {
        Object v = verdict;
        if (v instanceof String) {
            return null;
        }
        Decoded d = decode();
        if (v == null) {
            verdict = verdictOf(d);
        }
        return d.event;
    }

    /** Why the record is not a readable event, or null when it is one. */
    public String problem() {
        return verdict() instanceof String problem ? problem : null;
    }

    public boolean malformed() {
        return check();
    }

    /** See {@link EventRing#bytesOf}: lengths only, from the event's own headers (no copy of them). */
    long heldBytes() {
        long n = EventRing.EVENT_OVERHEAD_BYTES + (long) size();
        if (key != null) {
            n += 2L * key.length();
        }
        for (Header h : headers) {
            String name = h.key();
            byte[] v = h.value();
            n += EventRing.HEADER_OVERHEAD_BYTES + (name == null ? 0 : 2L * name.length()) + (v == null ? 0 : v.length);
        }
        return n;
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
        Object v = verdict;
        return "TailEvent[" + partition + "@" + offset
                + (v == null ? " unchecked" : v instanceof String ? " malformed: " + v : "") + "]";
    }
}
