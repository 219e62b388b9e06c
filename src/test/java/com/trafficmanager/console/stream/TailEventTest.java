package com.trafficmanager.console.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TailEventTest {
    @Test
    void aKeptEventHoldsItsOwnHeadersNotASliceOfTheFetchResponse() {
        // as Kafka hands them over: each header value a slice of the whole fetch response's buffer
        byte[] response = new byte[1 << 20];
        byte[] id = "9f2c0000-0000-4000-8000-000000000001".getBytes(StandardCharsets.US_ASCII);
        byte[] name = "event_id".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, response, 4000, name.length);
        System.arraycopy(id, 0, response, 4096, id.length);
        RecordHeaders headers = new RecordHeaders(new RecordHeader[] {new RecordHeader(
                ByteBuffer.wrap(response, 4000, name.length).slice(), ByteBuffer.wrap(response, 4096, id.length).slice())});
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("route-events", 3, 17L, 0L,
                TimestampType.CREATE_TIME, 0, 2, "k", new byte[] {'{', '}'}, headers, Optional.empty());

        TailEvent kept = TailEvent.of(record);
        Arrays.fill(response, (byte) 'x'); // the consumer's next fetch reuses or drops that buffer

        assertThat(kept.headers()).hasSize(1);
        assertThat(kept.headers()[0].key()).isEqualTo("event_id");
        assertThat(kept.headers()[0].value()).isEqualTo(id);
    }
}
