package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;

/**
 * What the Redis step alone does: the invalidate script over events already decoded in memory, in
 * rounds of a poll batch, as the consumer sends them but with no Kafka and no decoding. The benchmark
 * reads the consumer's drain rate against it, because this step (read the marker, look at the key,
 * remember the event id, delete the key, leave the marker: five Redis commands per event) sets a
 * ceiling no consumer of this design passes.
 */
public final class InvalidateStepFloor {
    private InvalidateStepFloor() {
    }

    /** Events/s through the invalidate step for {@code events} new events over {@code routes} routes of {@code tenant}. */
    public static double perSecond(JedisPooled redis, String tenant, int routes, int events, int batch)
            throws RedisUnavailableException {
        BatchInvalidator invalidator = new BatchInvalidator(redis,
                InvalidationConfig.defaults("unused:9092", "unused", "unused"));
        List<RouteChangedEvent> all = new ArrayList<>(events);
        Instant now = Instant.now();
        for (int i = 0; i < events; i++) {
            all.add(RouteChangedEvent.of(EventIds.next(), Action.UPDATED, tenant, "svc-" + (i % routes), "prod", "v1",
                    "https://svc.example.com/" + i, now, "bench", "req-" + i, (long) (i / routes + 2)));
        }
        long t0 = System.nanoTime();
        int round = 0;
        for (int from = 0; from < events; from += batch) {
            // a round token as long as the consumer's (see ConsumerRun), so Redis stores the same values
            invalidator.invalidate(all.subList(from, Math.min(events, from + batch)),
                    String.format("stepfloo.%s:", Long.toString(++round, 36)));
        }
        return events / ((System.nanoTime() - t0) / 1e9);
    }
}
