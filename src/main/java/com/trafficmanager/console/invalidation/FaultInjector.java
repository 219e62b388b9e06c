package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandbox-only faults for training and demos: a crash of the consumer after processing and before
 * committing, and a Redis outage of a given length. Without a sandbox ({@link #available()} false)
 * every fault is refused: these must never touch a real installation.
 */
public final class FaultInjector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);
    public static final int MAX_OUTAGE_SECONDS = 600;

    /** Stops and starts the sandbox's Redis on the same port. */
    public interface RedisSwitch {
        void stopRedis();

        void startRedis() throws Exception;
    }

    private final InvalidationConsumer consumer;
    private final RedisSwitch redis;

    /** @param redis the sandbox's Redis, or null when the session is not on the sandbox */
    public FaultInjector(InvalidationConsumer consumer, RedisSwitch redis) {
        this.consumer = consumer;
        this.redis = redis;
    }

    public boolean available() {
        return redis != null;
    }

    public void crashAfterProcessing() {
        requireSandbox();
        LOG.warn("fault injection: the consumer will crash after processing its next batch, before committing");
        consumer.armCrashAfterProcessing();
    }

    /** Stops Redis now and starts it again after {@code length}; completes when Redis is back. */
    public CompletableFuture<Void> redisOutage(Duration length) {
        requireSandbox();
        if (length.isNegative() || length.isZero() || length.toSeconds() > MAX_OUTAGE_SECONDS) {
            throw new IllegalArgumentException("outage length must be 1 to " + MAX_OUTAGE_SECONDS + " seconds, got "
                    + length.toSeconds());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        DaemonThreads.start("fault-redis-outage", () -> {
            LOG.warn("fault injection: Redis stopped for {} s", length.toSeconds());
            try {
                redis.stopRedis();
                Thread.sleep(length.toMillis()); // the outage itself, on its own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    redis.startRedis();
                    LOG.warn("fault injection: Redis started again");
                    done.complete(null);
                } catch (Exception e) {
                    LOG.error("fault injection: Redis did not start again", e);
                    done.completeExceptionally(e);
                }
            }
        });
        return done;
    }

    private void requireSandbox() {
        if (redis == null) {
            throw new IllegalStateException("fault injection is only available on the sandbox");
        }
    }
}
