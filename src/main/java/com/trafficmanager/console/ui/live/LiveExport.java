package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.JsonLinesExporter;
import com.trafficmanager.console.stream.TailEvent;
import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;

/**
 * The export of the shown events to a JSON Lines file as a background Task, so the view can bind a
 * progress bar to it; the events are a snapshot taken on the JavaFX thread before it starts.
 */
final class LiveExport {
    private LiveExport() {
    }

    static Task<Long> task(List<TailEvent> snapshot, Path target) {
        return new Task<>() {
            @Override
            protected Long call() throws Exception {
                updateMessage("exporting " + snapshot.size() + " events to " + target.getFileName());
                long n = JsonLinesExporter.export(snapshot, target, (done, total) -> updateProgress(done, total),
                        this::isCancelled);
                updateMessage("exported " + n + " events to " + target);
                return n;
            }
        };
    }
}
