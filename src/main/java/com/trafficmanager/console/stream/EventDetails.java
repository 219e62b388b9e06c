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

    public static EventDetails of(TailEvent e, int partitionCount) {
        Integer expected = e.key() == null || partitionCount <= 0 ? null : EventKeys.partitionFor(e.key(), partitionCount);
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
        if (expectedPartition == null) {
            return "partition count unknown: the key's partition cannot be checked yet";
        }
        return keyMismatch
                ? "MISMATCH: the key '" + key + "' belongs to partition " + expectedPartition
                        + " under the default partitioner, but this record is in partition " + partition
                : "the key belongs to this partition under the default partitioner";
    }

    static String prettyValue(byte[] value) {
        if (value == null) {
            return "(null value)";
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
