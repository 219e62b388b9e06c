package com.trafficmanager.console.outbox;

import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mark half of one publish cycle of the {@link OutboxRelay}: given the rows {@link BatchSender} sent
 * and Kafka's answers, marks the acknowledged rows published (partition, offset, time) in one statement
 * and the failed ones failed, backs off the failed keys, and reports the outcome (the relay's published
 * count, its last error, the listeners). It exists so that the rule for which acknowledged rows may be
 * marked reads on its own, apart from the relay's loop.
 *
 * <p>Threading: relay thread only, like the {@link KeyBackoff} and {@link KafkaPause} it shares with the
 * relay. The count, the listener list and the last error belong to the relay, which reads them from any
 * thread: the count is atomic, the list copy-on-write, and the last error is written through the relay's
 * own setter into its volatile field.
 *
 * <p>Hazards: an acknowledged row of a key whose earlier row failed (or was not sent) is left unmarked on
 * purpose, so it goes out again after the failed one and the tail of every key on the topic is in commit
 * order. The last error is recorded before the database is written, and cleared only after: whoever reads
 * both agrees. Listeners run here, on the relay thread, and may throw: they must not stop publishing.
 */
final class BatchSettlement {
    // the relay's logger: these lines keep the name they had when this code was part of OutboxRelay
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Database database;
    private final KeyBackoff backoff; // relay thread only
    private final KafkaPause kafkaPause; // relay thread only
    private final AtomicLong publishedCount;
    private final List<PublishListener> listeners;
    private final Consumer<String> recordError;

    /**
     * @param publishedCount the relay's count of rows published and marked
     * @param listeners      the relay's listeners (a copy-on-write list: added and removed on any thread)
     * @param recordError    sets the relay's last error (volatile); null clears it
     */
    BatchSettlement(Database database, KeyBackoff backoff, KafkaPause kafkaPause, AtomicLong publishedCount,
            List<PublishListener> listeners, Consumer<String> recordError) {
        this.database = database;
        this.backoff = backoff;
        this.kafkaPause = kafkaPause;
        this.publishedCount = publishedCount;
        this.listeners = listeners;
        this.recordError = recordError;
    }

    void settle(List<RowSend> sends) throws SQLException {
        Set<String> failedKeys = new HashSet<>();
        Set<String> blockedKeys = new HashSet<>();
        Map<String, List<Long>> failedByError = new HashMap<>();
        List<RowSend> done = new ArrayList<>(sends.size());
        for (RowSend send : sends) {
            String key = send.row.key();
            if (!send.sent) {
                blockedKeys.add(key);
            } else if (send.error != null) {
                failedKeys.add(key);
                blockedKeys.add(key);
                failedByError.computeIfAbsent(describe(send.error), k -> new ArrayList<>()).add(send.row.id());
            } else if (!blockedKeys.contains(key)) {
                done.add(send);
            } // else: acknowledged after a failed row of its key; left pending to go out again after it
        }
        long[] ids = new long[done.size()];
        int[] partitions = new int[done.size()];
        long[] offsets = new long[done.size()];
        List<PublishedEvent> published = new ArrayList<>(done.size());
        for (int j = 0; j < done.size(); j++) {
            RowSend send = done.get(j);
            ids[j] = send.row.id();
            partitions[j] = send.partition;
            offsets[j] = send.offset;
            published.add(send.published());
        }
        if (!failedByError.isEmpty()) { // known here before the database says so: whoever reads both agrees
            recordError.accept(failedByError.keySet().iterator().next());
        }
        try (Connection c = database.dataSource().getConnection()) {
            OutboxRepository.markPublished(c, ids, partitions, offsets);
            for (Map.Entry<String, List<Long>> e : failedByError.entrySet()) {
                OutboxRepository.markFailed(c, e.getValue().stream().mapToLong(Long::longValue).toArray(), e.getKey());
            }
        }
        long now = System.nanoTime();
        for (PublishedEvent e : published) {
            backoff.succeeded(e.key());
        }
        failedKeys.forEach(k -> backoff.failed(k, now));
        if (failedKeys.isEmpty()) {
            kafkaPause.succeeded();
        } else {
            String error = failedByError.keySet().iterator().next();
            LOG.warn("outbox relay: {} rows of {} keys failed to send ({}); they back off", 
                    failedByError.values().stream().mapToInt(List::size).sum(), failedKeys.size(), error);
        }
        publishedCount.addAndGet(published.size());
        if (!published.isEmpty()) {
            if (failedKeys.isEmpty()) {
                recordError.accept(null);
            }
            notifyListeners(published);
        }
    }

    private void notifyListeners(List<PublishedEvent> published) {
        List<PublishedEvent> view = List.copyOf(published);
        for (PublishListener l : listeners) {
            try {
                l.published(view);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (RuntimeException | Error e) {
                // a listener is the UI's or a test's code: its failure must not stop the publishing
                LOG.warn("publish listener failed: {}", e.toString(), e);
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }
}
