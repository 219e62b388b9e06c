package com.trafficmanager.console.audit;

import com.trafficmanager.console.route.PermissionDeniedException;
import java.sql.SQLException;

/**
 * Reading or exporting the audit log failed: the database did not answer, timed out, or the
 * console's database user may not read the history. The message is a sentence for the operator.
 */
public class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    static RuntimeException of(String what, SQLException e) {
        if (PermissionDeniedException.SQL_STATE.equals(e.getSQLState())) {
            return new AuditException("could not " + what + ": " + e.getMessage()
                    + ". The database user needs SELECT on route_history and outbox.", e);
        }
        if ("57014".equals(e.getSQLState())) {
            return new AuditException("could not " + what + ": the query took longer than "
                    + AuditLog.QUERY_TIMEOUT_SECONDS + " s; narrow the filter (a route, an actor or a shorter time range)", e);
        }
        return new AuditException("could not " + what + ": " + e.getMessage(), e);
    }
}
