package com.trafficmanager.console.event;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The Kafka key of a route's events, {@code tenant:service:env:version}, and the partition Kafka's
 * default partitioner puts it in. One route's events share a key, hence a partition, hence an order.
 *
 * <p>Hazard: the partition depends on the topic's partition count. Adding partitions moves keys, and
 * a route's old and new events then sit in different partitions with no order between them.
 */
public final class EventKeys {
    private EventKeys() {
    }

    /** The key; the parts are validated route names, which cannot contain ':'. */
    public static String of(String tenant, String service, String env, String version) {
        return tenant + ':' + service + ':' + env + ':' + version;
    }

    /** The Redis cache key of the same route: {@code route:tenant:service:env:version}. */
    public static String cacheKey(String eventKey) {
        return "route:" + eventKey;
    }

    /**
     * The partition of a key under Kafka's default partitioner (murmur2 of the UTF-8 key bytes, made
     * positive, modulo the partition count), as the producer computes it when no partition is given.
     */
    public static int partitionFor(String key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(keyBytes)) % partitions;
    }
}
