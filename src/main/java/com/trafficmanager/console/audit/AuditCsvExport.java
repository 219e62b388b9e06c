package com.trafficmanager.console.audit;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.route.HistoryEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every audit entry that matches a filter to a CSV file (RFC 4180, UTF-8), page by page, so
 * memory stays flat whatever the size of the history. The file appears complete or not at all: the
 * rows go to a temporary file beside the target, which is moved over it at the end; a cancelled or
 * failed export leaves no partial file.
 *
 * <p>The columns are the history's own (who, where, which request and event, the route, before and
 * after): nothing else of the session, so no connection setting or secret can end up in the file.
 * The file is the log as it was when the export started (one database snapshot for the count and
 * every page). The count only feeds the progress: when it fails or is slow the export goes on without
 * a total. Blocks: run it on a background thread.
 */
public final class AuditCsvExport {
    private static final Logger LOG = LoggerFactory.getLogger(AuditCsvExport.class);
    static final int PAGE = 1_000;

    static final List<String> HEADER = List.of("id", "occurred_at", "actor", "host_name", "request_id", "event_id",
            "action", "tenant", "service", "env", "version", "change", "row_version", "publish_state",
            "kafka_partition", "kafka_offset", "before", "after");

    /** Progress of an export: rows written so far and the number that matched when it started. */
    public interface Progress {
        /** The total when the count did not answer in time: the progress is indeterminate. */
        long UNKNOWN_TOTAL = -1;

        void update(long written, long total);
    }

    /**
     * Cancels an export from any thread, the JavaFX thread too: the export stops before its next page,
     * and the page or count it is reading (one that scans far runs up to the query timeout) is cut short.
     */
    public static final class Cancellation implements BooleanSupplier {
        private final AtomicBoolean requested = new AtomicBoolean();
        private volatile AuditLog.Snapshot reading;

        /** Returns at once: asking the server to cancel a statement takes a round trip, on a thread of its own. */
        public void cancel() {
            if (requested.compareAndSet(false, true)) {
                AuditLog.Snapshot snapshot = reading;
                if (snapshot != null) {
                    DaemonThreads.start("audit-export-cancel", snapshot::cancel);
                }
            }
        }

        @Override
        public boolean getAsBoolean() {
            return requested.get();
        }

        /** Set before the first read; a cancel that came earlier stops that read (nothing runs yet: no round trip). */
        private void reading(AuditLog.Snapshot snapshot) {
            reading = snapshot;
            if (requested.get()) {
                snapshot.cancel();
            }
        }
    }

    /** The export was cancelled; nothing was written. */
    public static final class CancelledException extends Exception {
        CancelledException() {
            super("export cancelled");
        }
    }

    private final AuditLog log;

    public AuditCsvExport(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Exports all entries matching {@code filter} (its limit and page are ignored), newest first.
     *
     * @param cancellation asked between pages; its cancel also cuts short the read under way
     * @return the number of entries written
     * @throws CancelledException when the export was cancelled; the target is untouched
     */
    public long export(AuditFilter filter, Path target, Progress progress, Cancellation cancellation)
            throws IOException, CancelledException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        long written;
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8));
                 AuditLog.Snapshot snapshot = log.snapshot()) {
                cancellation.reading(snapshot);
                written = writeRows(snapshot, filter, new CsvWriter(w), progress, cancellation);
            }
            move(tmp, absolute);
        } finally {
            Files.deleteIfExists(tmp);
        }
        LOG.info("exported {} audit entries to {}", written, absolute);
        return written;
    }

    /** The log as it was when the count was taken: the total and the rows agree. */
    private static long writeRows(AuditLog.Snapshot snapshot, AuditFilter filter, CsvWriter csv, Progress progress,
                                  BooleanSupplier cancelled) throws IOException, CancelledException {
        long total = snapshot.countIfQuick(filter).orElse(Progress.UNKNOWN_TOTAL);
        progress.update(0, total);
        csv.row(HEADER);
        AuditFilter page = new AuditFilter(filter.actor(), filter.tenant(), filter.service(), filter.env(),
                filter.action(), filter.from(), filter.to(), PAGE, Optional.empty());
        long written = 0;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancelledException();
            }
            AuditPage result;
            try {
                result = snapshot.find(page);
            } catch (AuditException e) {
                if (cancelled.getAsBoolean()) {
                    throw new CancelledException(); // the read was cut short by the cancel, not by a fault
                }
                throw e;
            }
            for (HistoryEntry e : result.entries()) {
                csv.row(row(e));
            }
            written += result.entries().size();
            progress.update(written, total == Progress.UNKNOWN_TOTAL ? total : Math.max(total, written));
            if (result.nextPage().isEmpty()) {
                return written;
            }
            page = page.olderThan(result.nextPage().get());
        }
    }

    static List<String> row(HistoryEntry e) {
        var state = e.publishState();
        return List.of(Long.toString(e.id()), e.occurredAt().toString(), e.actor(), nullToEmpty(e.hostName()),
                e.requestId().toString(), e.eventId().toString(), e.action(), e.key().tenant(),
                e.key().service(), e.key().env(), e.key().version(), ChangeSummary.of(e), Long.toString(e.rowVersion()),
                state.status().name().toLowerCase(java.util.Locale.ROOT),
                state.partition() == null ? "" : state.partition().toString(),
                state.offset() == null ? "" : state.offset().toString(),
                nullToEmpty(e.beforeJson()), nullToEmpty(e.afterJson()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
