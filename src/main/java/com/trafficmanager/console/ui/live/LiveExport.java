package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.JsonLinesExporter;
import com.trafficmanager.console.stream.TailEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.concurrent.Task;

/**
 * The export of the shown events to a JSON Lines file as a background Task, so the view can bind a
 * progress bar and a Cancel button to it; the events come from {@link LiveEventsModel#exportRows}, taken
 * on the JavaFX thread before it starts and worked out (filtered, when need be) on the task's thread.
 */
final class LiveExport {
    private LiveExport() {
    }

    static Task<Long> task(Supplier<List<TailEvent>> rows, Path target) {
        return new Task<>() {
            @Override
            protected Long call() throws Exception {
                updateMessage("filtering the events to export...");
                List<TailEvent> snapshot = rows.get();
                updateMessage("exporting " + snapshot.size() + " events to " + target.getFileName());
                long n = JsonLinesExporter.export(snapshot, target, (done, total) -> updateProgress(done, total),
                        this::isCancelled);
                updateMessage("exported " + n + " events to " + target);
                return n;
            }
        };
    }
}
