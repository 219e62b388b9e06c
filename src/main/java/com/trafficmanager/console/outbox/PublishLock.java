package com.trafficmanager.console.outbox;

import com.trafficmanager.console.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL advisory lock that makes exactly one relay publish for a database, across every
 * console on it. The lock lives as long as its session, so it is held on a dedicated connection (never
 * a pooled one, which would be handed to someone else); when the holder dies, its session ends and the
 * lock is free for a standby. Used by the relay thread only.
 */
final class PublishLock {
    private static final Logger LOG = LoggerFactory.getLogger(PublishLock.class);

    private final Database database;
    private final long lockId;
    private Connection session;
    private volatile boolean held;

    PublishLock(Database database, long lockId) {
        this.database = database;
        this.lockId = lockId;
    }

    boolean held() {
        return held;
    }

    /** Takes the lock if it is free; true while this relay holds it. */
    boolean tryHold() throws SQLException {
        if (held) {
            return true;
        }
        if (session == null || !session.isValid(2)) {
            closeSession();
            session = database.openDedicatedConnection();
        }
        try (PreparedStatement ps = session.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                held = rs.getBoolean(1);
            }
        }
        if (held) {
            LOG.info("outbox relay holds the publish lock: this console publishes the outbox");
        }
        return held;
    }

    /** Whether the session that holds the lock is still alive (checked before each send). */
    boolean stillHeld() throws SQLException {
        return held && session != null && session.isValid(2);
    }

    /** Ends the session, which releases the lock. */
    void release() {
        if (held) {
            LOG.info("outbox relay released the publish lock");
        }
        held = false;
        closeSession();
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("closing the lock session", e);
            }
            session = null;
        }
    }
}
