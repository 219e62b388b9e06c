package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.outbox.Backlog;
import com.trafficmanager.console.outbox.PublishState;
import com.trafficmanager.console.route.ChangeResult;
import com.trafficmanager.console.route.RouteService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the events of one committed action until Kafka has them, so the status line can say where
 * they went. Polls {@link RouteService#publishState} on a background scheduler: every 100 ms for the
 * first 3 s (the relay normally publishes within milliseconds), then reports the backlog and keeps
 * looking every 2 s for up to 10 minutes, e.g. while Kafka is down.
 *
 * <p>Only the event with the highest outbox id is polled until published; the others are read once
 * after it. {@code stillWanted} lets the caller stop it when a newer action took the status line.
 * Listener calls come on the scheduler's thread.
 */
final class PublishTracker {
    private static final Logger LOG = LoggerFactory.getLogger(PublishTracker.class);
    private static final long FAST_MS = 100;
    private static final long FAST_FOR_MS = 3_000;
    private static final long SLOW_MS = 2_000;
    private static final long GIVE_UP_MS = 600_000;

    interface Listener {
        void published(Map<UUID, PublishState> states);

        void waiting(Backlog backlog);
    }

    private final RouteService service;
    private final ScheduledExecutorService scheduler;

    PublishTracker(RouteService service, ScheduledExecutorService scheduler) {
        this.service = service;
        this.scheduler = scheduler;
    }

    void track(List<ChangeResult> changes, BooleanSupplier stillWanted, Listener listener) {
        ChangeResult last = changes.stream().max(Comparator.comparingLong(ChangeResult::outboxId)).orElseThrow();
        long started = System.nanoTime();
        scheduler.schedule(new Runnable() {
            private boolean reportedWaiting;

            @Override
            public void run() {
                if (!stillWanted.getAsBoolean()) {
                    return;
                }
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                try {
                    PublishState state = service.publishState(last.eventId());
                    if (state.status() != PublishState.Status.PENDING) {
                        // one statement for all of them: a bulk action may have thousands
                        Map<UUID, PublishState> states = changes.size() == 1 ? Map.of(last.eventId(), state)
                                : service.publishStates(changes.stream().map(ChangeResult::eventId).toList());
                        if (states.values().stream().noneMatch(s -> s.status() == PublishState.Status.PENDING)) {
                            listener.published(states);
                            return;
                        }
                    }
                    if (elapsedMs >= FAST_FOR_MS && !reportedWaiting) {
                        reportedWaiting = true;
                        listener.waiting(service.backlog());
                    }
                } catch (RuntimeException e) {
                    LOG.debug("publish state poll failed: {}", e.toString());
                    if (elapsedMs >= FAST_FOR_MS && !reportedWaiting) {
                        reportedWaiting = true;
                        listener.waiting(null);
                    }
                }
                if (elapsedMs < GIVE_UP_MS) {
                    scheduler.schedule(this, elapsedMs < FAST_FOR_MS ? FAST_MS : SLOW_MS, TimeUnit.MILLISECONDS);
                }
            }
        }, FAST_MS, TimeUnit.MILLISECONDS);
    }
}
