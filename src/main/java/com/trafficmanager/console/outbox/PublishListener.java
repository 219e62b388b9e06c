package com.trafficmanager.console.outbox;

import java.util.List;

/**
 * Told about each batch the relay has published and marked. Called on the relay's thread: return
 * quickly (hand off to the UI with one {@code Platform.runLater} per batch, never per event), and do
 * not throw.
 */
@FunctionalInterface
public interface PublishListener {
    void published(List<PublishedEvent> events);
}
