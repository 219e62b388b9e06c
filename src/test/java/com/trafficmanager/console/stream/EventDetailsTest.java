package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.event.EventKeys;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The details pane's text: bounded whatever the value's size, and a key check only where it can be made. */
class EventDetailsTest {
    @Test
    void aValueOfMegabytesShowsItsFirst64KibAndSaysHowMuchMoreThereIs() {
        StringBuilder json = new StringBuilder("{\"items\":[");
        while (json.length() < 3_000_000) {
            json.append("{\"n\":12345,\"url\":\"https://svc.example.com/path\"},");
        }
        json.append("{}]}");
        byte[] value = json.toString().getBytes(StandardCharsets.UTF_8);
        EventDetails d = EventDetails.of(new TailEvent(0, 1, 0, "k", value, null), 1);
        assertThat(d.value().length()).isLessThan(EventDetails.SHOWN_BYTES + 200);
        assertThat(d.value()).endsWith((value.length - EventDetails.SHOWN_BYTES) + " more bytes (" + value.length
                + " in all): export the event to read all of it");
    }

    @Test
    void aKeyThatWasNotUtf8IsNotCheckedAndAReadableOneIs() {
        String unreadable = new String(new byte[] {(byte) 0xC3, 0x28}, StandardCharsets.UTF_8);
        EventDetails odd = EventDetails.of(new TailEvent(0, 1, 0, unreadable, "{}".getBytes(StandardCharsets.UTF_8), null), 6);
        assertThat(odd.keyMismatch()).isFalse();
        assertThat(odd.keyCheck()).isEqualTo("the key is not UTF-8 text: its partition cannot be checked here");

        String key = "team-a:payments:prod:v1";
        int right = EventKeys.partitionFor(key, 6);
        EventDetails wrong = EventDetails.of(new TailEvent((right + 1) % 6, 1, 0, key, "{}".getBytes(StandardCharsets.UTF_8), null), 6);
        assertThat(wrong.keyCheck()).startsWith("MISMATCH: the key '" + key + "' belongs to partition " + right
                + " under the Java clients' default partitioner (murmur2)");
        EventDetails fine = EventDetails.of(new TailEvent(right, 1, 0, key, "{}".getBytes(StandardCharsets.UTF_8), null), 6);
        assertThat(fine.keyMismatch()).isFalse();
    }
}
