package com.trafficmanager.console.outbox;

import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes published outbox rows older than the retention, at most once per interval, in chunks so a
 * large backlog of old rows never holds one long transaction. Unpublished rows are never pruned.
 */
final class OutboxPruner {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPruner.class);
    private static final int CHUNK = 10_000;

    private final Database database;
    private final Duration retention;
    private final Duration interval;
    private long nextPruneNanos;

    OutboxPruner(Database database, Duration retention, Duration interval) {
        this.database = database;
        this.retention = retention;
        this.interval = interval;
    }

    /** Prunes when the interval has passed; {@code running} stops a long prune between chunks. */
    void pruneWhenDue(BooleanSupplier running) throws SQLException {
        long now = System.nanoTime();
        if (nextPruneNanos != 0 && now - nextPruneNanos < 0) {
            return;
        }
        nextPruneNanos = now + interval.toNanos();
        int total = 0;
        int deleted;
        try (Connection c = database.dataSource().getConnection()) {
            do {
                deleted = OutboxRepository.prunePublished(c, retention, CHUNK);
                total += deleted;
            } while (deleted == CHUNK && running.getAsBoolean());
        }
        if (total > 0) {
            LOG.info("outbox relay pruned {} rows published more than {} ago", total, retention);
        }
    }
}
