package com.trafficmanager.console.stream;

import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * What the Live events tab runs against, held by the session: the tail of the topic with its queue,
 * and the reader of the invalidation group's committed offsets. Nothing runs until {@link #start()}
 * (the tab starts it when first shown); {@link #close()} stops both threads.
 */
public final class LiveStream implements AutoCloseable {
    private final EventTail tail;
    private final GroupOffsetsReader groupOffsets;

    public LiveStream(EventTail tail, GroupOffsetsReader groupOffsets) {
        this.tail = tail;
        this.groupOffsets = groupOffsets;
    }

    /** The usual wiring: a tail with default settings and a group reader polling every 2 s. */
    public static LiveStream create(String bootstrap, Map<String, ?> kafkaProperties, String topic, Admin admin,
                                    String consumerGroup) {
        TailSettings settings = TailSettings.defaults();
        EventTail tail = new EventTail(KafkaClients.consumerProperties(bootstrap, null, kafkaProperties), topic,
                new TailQueue(settings.queueCapacity()), settings);
        return new LiveStream(tail, new GroupOffsetsReader(admin, consumerGroup, topic, Duration.ofSeconds(2)));
    }

    public EventTail tail() {
        return tail;
    }

    public GroupOffsetsReader groupOffsets() {
        return groupOffsets;
    }

    public synchronized void start() {
        tail.start();
        groupOffsets.start();
    }

    @Override
    public synchronized void close() {
        groupOffsets.close();
        tail.close();
    }
}
