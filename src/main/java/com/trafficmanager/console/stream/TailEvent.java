package com.trafficmanager.console.stream;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.MalformedEventException;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One record as the live tail keeps it: where it sits, its raw bytes, and what {@link EventCodec}
 * made of it, decoded once on the tail thread. Either {@link #event()} or {@link #problem()} is set:
 * a record that is not a readable {@code route_changed} event (not JSON, a field missing, an unknown
 * major version, a null value, binary junk) keeps its raw bytes and the reason, so it can be shown.
 *
 * <p>Kept compact because tens of thousands are buffered: no copy of the consumer record, headers
 * as the record's own array, the value's text made only when a filter or the details ask for it.
 * Immutable; safe to hand between threads.
 */
public final class TailEvent {
    private static final Header[] NO_HEADERS = new Header[0];

    private final int partition;
    private final long offset;
    private final long timestamp;
    private final String key;
    private final byte[] value;
    private final Header[] headers;
    private final RouteChangedEvent event;
    private final String problem;

    public TailEvent(int partition, long offset, long timestamp, String key, byte[] value, Header[] headers) {
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers == null || headers.length == 0 ? NO_HEADERS : headers;
        RouteChangedEvent decoded = null;
        String reason = null;
        if (value == null) {
            reason = "null value (a tombstone, not an event)";
        } else {
            try {
                decoded = EventCodec.decode(value);
            } catch (MalformedEventException e) {
                reason = e.getMessage();
            } catch (RuntimeException e) {
                reason = "unreadable: " + e;
            }
        }
        this.event = decoded;
        this.problem = reason;
    }

    public static TailEvent of(ConsumerRecord<String, byte[]> r) {
        return new TailEvent(r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), r.headers().toArray());
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

    public Header[] headers() {
        return headers.clone();
    }

    /** The decoded event, or null when the record is malformed. */
    public RouteChangedEvent event() {
        return event;
    }

    /** Why the record is not a readable event, or null when it is one. */
    public String problem() {
        return problem;
    }

    public boolean malformed() {
        return event == null;
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
        return "TailEvent[" + partition + "@" + offset + (event == null ? " malformed: " + problem : " " + event.eventId()) + "]";
    }
}
