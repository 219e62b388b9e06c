package com.trafficmanager.console.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The key format and the partition helper, against the producer's own partitioner code. No servers. */
class EventKeysTest {

    @Test
    void keyIsTenantServiceEnvVersion() {
        assertThat(EventKeys.of("team-a", "payments", "prod", "v2")).isEqualTo("team-a:payments:prod:v2");
        assertThat(EventKeys.cacheKey("team-a:payments:prod:v2")).isEqualTo("route:team-a:payments:prod:v2");
    }

    @Test
    void partitionIsWhatKafkasDefaultPartitionerComputes() {
        for (int i = 0; i < 2_000; i++) {
            String key = EventKeys.of("t" + i, "svc-" + (i % 7), i % 2 == 0 ? "prod" : "dev", "v" + (i % 5));
            for (int partitions : new int[] {1, 3, 6, 12}) {
                assertThat(EventKeys.partitionFor(key, partitions))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }
}
