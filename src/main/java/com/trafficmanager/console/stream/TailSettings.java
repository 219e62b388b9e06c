package com.trafficmanager.console.stream;

import java.time.Duration;

/**
 * Timings of the live tail. {@code requestTimeout} bounds every blocking metadata call (partitions,
 * offsets), so the tail notices within it when Kafka goes away; {@code minBackoff} doubles up to
 * {@code maxBackoff} between attempts while Kafka is unreachable.
 */
public record TailSettings(Duration pollTimeout, Duration endOffsetsInterval, Duration discoveryInterval,
                           Duration requestTimeout, Duration minBackoff, Duration maxBackoff, int queueCapacity) {

    /**
     * The backoff stops at 4 s: a probe of the broker costs next to nothing, and a tail back within a few
     * seconds of Kafka is back shows the changes made right after the outage, well inside the change
     * trace's 10 s for "seen by the tail" (at 10 s it could miss them and say "not seen").
     */
    public static TailSettings defaults() {
        return new TailSettings(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(4), TailQueue.DEFAULT_CAPACITY);
    }

    public TailSettings withDiscoveryInterval(Duration interval) {
        return new TailSettings(pollTimeout, endOffsetsInterval, interval, requestTimeout, minBackoff, maxBackoff,
                queueCapacity);
    }

    public TailSettings withBackoff(Duration min, Duration max) {
        return new TailSettings(pollTimeout, endOffsetsInterval, discoveryInterval, requestTimeout, min, max,
                queueCapacity);
    }
}
