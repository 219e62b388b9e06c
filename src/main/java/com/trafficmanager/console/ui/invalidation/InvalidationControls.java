package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.invalidation.InvalidationService;
import java.time.Duration;

/**
 * What the Invalidation tab can ask of the service. Every method may block briefly or long (an outage
 * runs for its length): the view model calls them on its background executor, never on the JavaFX
 * thread.
 */
public interface InvalidationControls {
    void start();

    void stop();

    void pause();

    void resume();

    void resetCounters();

    boolean consumeAllowed();

    boolean faultsAvailable();

    void crashAfterProcessing();

    /** Returns when Redis is back. */
    void redisOutage(Duration length) throws Exception;

    /** The session's service behind the tab. */
    static InvalidationControls of(InvalidationService service) {
        return new InvalidationControls() {
            @Override
            public void start() {
                service.consumer().start();
            }

            @Override
            public void stop() {
                service.consumer().stop();
            }

            @Override
            public void pause() {
                service.consumer().pause();
            }

            @Override
            public void resume() {
                service.consumer().resume();
            }

            @Override
            public void resetCounters() {
                service.consumer().counters().reset();
                service.consumer().recent().clear();
                service.monitor().resetWindows();
            }

            @Override
            public boolean consumeAllowed() {
                return service.consumeAllowed();
            }

            @Override
            public boolean faultsAvailable() {
                return service.faults().available();
            }

            @Override
            public void crashAfterProcessing() {
                service.faults().crashAfterProcessing();
            }

            @Override
            public void redisOutage(Duration length) throws Exception {
                service.faults().redisOutage(length).get();
            }
        };
    }
}
