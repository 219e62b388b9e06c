package com.trafficmanager.console.invalidation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last records processed, newest last, bounded: at a backlog drain of tens of thousands a second
 * only the last {@code capacity} are kept, so memory and what the tab copies stay small.
 */
public final class RecentEvents {
    public static final int DEFAULT_CAPACITY = 200;

    private final int capacity;
    private final ArrayDeque<ProcessedEvent> events;
    private long version;

    public RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    /** Adds a batch (only its tail matters when it is larger than the capacity). */
    synchronized void addAll(List<ProcessedEvent> batch) {
        int from = Math.max(0, batch.size() - capacity);
        for (int i = from; i < batch.size(); i++) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(batch.get(i));
        }
        version++;
    }

    /** Oldest first. */
    public synchronized List<ProcessedEvent> snapshot() {
        return new ArrayList<>(events);
    }

    /** Changes whenever events were added, so a reader can skip copying an unchanged list. */
    public synchronized long version() {
        return version;
    }

    public synchronized void clear() {
        events.clear();
        version++;
    }
}
