package com.trafficmanager.console.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.testing.TestSandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The relay's producer starts, and reaches the broker, under a profile whose request timeout is Kafka's own
 * default (30 s): the Kafka producer refuses to start when its delivery timeout is below linger plus
 * request timeout, which the relay's fixed 30 s delivery timeout was for such a profile.
 */
class RelayProducerTest {

    @Test
    void aProfileWithKafkasDefaultRequestTimeoutStillGetsAProducer() throws Exception {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        OutboxRelayConfig config = OutboxRelayConfig.defaults(e.kafkaBootstrap(), e.topic())
                .withProducerOverrides(Map.of("request.timeout.ms", "30000"));
        RelayProducer producer = new RelayProducer(config, "relay-producer-test");
        try {
            // nothing is sent: the shared topic's readers in other tests count every record
            assertThat(producer.get().partitionsFor(e.topic())).as("the topic's partitions, through the producer")
                    .isNotEmpty();
        } finally {
            producer.close();
        }
    }
}
