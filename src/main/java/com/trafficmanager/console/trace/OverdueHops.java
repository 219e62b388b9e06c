package com.trafficmanager.console.trace;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Says which hop of a change is late, and the likely reason, e.g.
 * {@code not published after 5 s: Kafka unreachable, backlog 12}. Pure: the caller passes what it
 * knows of the servers and the consumer at that moment.
 */
public final class OverdueHops {
    public static final Duration PUBLISH_WITHIN = Duration.ofSeconds(5);
    public static final Duration PROCESS_WITHIN = Duration.ofSeconds(10);

    /**
     * @param kafkaReachable  the status bar's view of Kafka
     * @param backlog         pending outbox rows now
     * @param consumerRunning whether this console's invalidation consumer runs (when it does not,
     *                        another console's may process the event: that is not late, only unseen)
     */
    public record Context(Instant now, boolean kafkaReachable, long backlog, boolean consumerRunning) {
    }

    private OverdueHops() {
    }

    public static Optional<String> check(ChangeTrace trace, Context context) {
        Optional<HopRecord> committed = trace.hop(Hop.COMMITTED);
        if (committed.isEmpty() || committed.get().at() == null) {
            return Optional.empty();
        }
        Optional<HopRecord> published = trace.hop(Hop.PUBLISHED);
        if (published.isEmpty()) {
            if (late(committed.get().at(), PUBLISH_WITHIN, context.now())) {
                return Optional.of("not published after " + PUBLISH_WITHIN.toSeconds() + " s: "
                        + (context.kafkaReachable() ? "" : "Kafka unreachable, ") + "backlog " + context.backlog());
            }
            return Optional.empty();
        }
        if (trace.hop(Hop.PROCESSED).isEmpty() && context.consumerRunning() && published.get().at() != null
                && late(published.get().at(), PROCESS_WITHIN, context.now())) {
            return Optional.of("not processed by the invalidation consumer after " + PROCESS_WITHIN.toSeconds()
                    + " s: see its lag on the Invalidation tab");
        }
        return Optional.empty();
    }

    private static boolean late(Instant since, Duration within, Instant now) {
        return Duration.between(since, now).compareTo(within) > 0;
    }
}
