package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EndOffsets;
import com.trafficmanager.console.stream.GroupOffsetsReader;
import com.trafficmanager.console.stream.LiveStream;
import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.stream.TailQueue;
import com.trafficmanager.console.stream.TailStatus;
import java.util.List;

/**
 * What the Live events view model reads from: the tail's queue and state, and the invalidation
 * group's committed offsets. Every method is cheap and non-blocking, so the view model may call
 * them once per pulse on the JavaFX thread.
 */
public interface LiveSource {
    TailQueue queue();

    TailStatus status();

    List<Integer> partitions();

    EndOffsets endOffsets();

    GroupOffsetsReader.Snapshot groupOffsets();

    String consumerGroup();

    /** Re-seeks one partition, or all when {@code partition} is null. */
    void seek(Integer partition, StartPosition position);

    /** Starts reading (idempotent). */
    void start();

    static LiveSource of(LiveStream stream) {
        return new LiveSource() {
            @Override
            public TailQueue queue() {
                return stream.tail().queue();
            }

            @Override
            public TailStatus status() {
                return stream.tail().status();
            }

            @Override
            public List<Integer> partitions() {
                return stream.tail().partitions();
            }

            @Override
            public EndOffsets endOffsets() {
                return stream.tail().endOffsets();
            }

            @Override
            public GroupOffsetsReader.Snapshot groupOffsets() {
                return stream.groupOffsets().snapshot();
            }

            @Override
            public String consumerGroup() {
                return stream.groupOffsets().group();
            }

            @Override
            public void seek(Integer partition, StartPosition position) {
                stream.tail().seek(partition, position);
            }

            @Override
            public void start() {
                stream.start();
            }
        };
    }
}
