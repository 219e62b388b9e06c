package com.trafficmanager.console.stream;

import java.util.Comparator;

/** The order of the "All partitions" view: by record timestamp, then partition, then offset. */
public final class EventOrder {
    public static final Comparator<TailEvent> BY_TIMESTAMP = Comparator.comparingLong(TailEvent::timestamp)
            .thenComparingInt(TailEvent::partition).thenComparingLong(TailEvent::offset);

    private EventOrder() {
    }
}
