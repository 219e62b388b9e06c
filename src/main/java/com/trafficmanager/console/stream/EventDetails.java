package com.trafficmanager.console.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.trafficmanager.console.event.EventKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * Everything the details pane shows about one record: where it is, its value pretty-printed (or raw
 * text, or a hex dump of binary junk), its headers, why it is malformed, and whether its key belongs
 * to the partition it is in under Kafka's default partitioner. A mismatch means a producer chose the
 * partition itself or the topic grew: that route's events may then be out of order.
 */
public record EventDetails(int partition, long offset, Instant timestamp, String key, String value,
                           List<String> headers, String problem, Integer expectedPartition, boolean keyMismatch) {

    /**
     * The most of a value the pane shows: it is built on the window's thread and a text area lays out all of
     * it, so a value of megabytes would hold the window for seconds; the export has the whole value.
     */
    public static final int SHOWN_BYTES = 64 * 1024;
    private static final char UNREADABLE = '\uFFFD';

    public static EventDetails of(TailEvent e, int partitionCount) {
        // a key that was not UTF-8 was read with replacement characters: its bytes, which Kafka hashed, are gone
        boolean checkable = e.key() != null && e.key().indexOf(UNREADABLE) < 0 && partitionCount > 0;
        Integer expected = checkable ? EventKeys.partitionFor(e.key(), partitionCount) : null;
        boolean mismatch = expected != null && expected != e.partition();
        List<String> headers = new ArrayList<>();
        for (Header h : e.headers()) {
            byte[] v = h.value();
            String text = v == null ? "null" : ValueText.text(v);
            headers.add(h.key() + " = " + (text != null ? text : "0x" + ValueText.hex(v, 64).trim()));
        }
        return new EventDetails(e.partition(), e.offset(), Instant.ofEpochMilli(e.timestamp()), e.key(),
                prettyValue(e.rawValue()), List.copyOf(headers), e.problem(), expected, mismatch);
    }

    /** The key check as a sentence for the pane. */
    public String keyCheck() {
        if (key == null) {
            return "no key: the default partitioner spreads keyless records, so there is no order to check";
        }
        if (key.indexOf(UNREADABLE) >= 0) {
            return "the key is not UTF-8 text: its partition cannot be checked here";
        }
        if (expectedPartition == null) {
            return "partition count unknown: the key's partition cannot be checked yet";
        }
        return keyMismatch
                ? "MISMATCH: the key '" + key + "' belongs to partition " + expectedPartition
                        + " under the Java clients' default partitioner (murmur2), but this record is in partition "
                        + partition + " (a librdkafka producer such as kcat hashes differently unless set to murmur2)"
                : "the key belongs to this partition under the Java clients' default partitioner (murmur2)";
    }

    static String prettyValue(byte[] value) {
        if (value == null) {
            return "(null value)";
        }
        if (value.length > SHOWN_BYTES) {
            String start = new String(value, 0, SHOWN_BYTES, StandardCharsets.UTF_8);
            return start + "\n... " + (value.length - SHOWN_BYTES) + " more bytes (" + value.length
                    + " in all): export the event to read all of it";
        }
        JsonNode json = ValueText.json(value);
        if (json != null) {
            try {
                return ValueText.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
            } catch (JsonProcessingException e) {
                return new String(value, StandardCharsets.UTF_8);
            }
        }
        String text = ValueText.text(value);
        return text != null ? text : "(binary, " + value.length + " bytes)\n" + ValueText.hex(value, 4096);
    }
}
