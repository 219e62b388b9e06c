package com.trafficmanager.console.route;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The console's PostgreSQL user lacks a grant the operation needs (SQLState 42501,
 * insufficient_privilege): typically a user meant for reading that was given a writing profile.
 * Nothing was written. The message names the user, what PostgreSQL refused, the grants that fix it
 * and the alternative (a read-only profile), so the operator can act without reading a stack trace.
 */
public final class PermissionDeniedException extends RouteServiceException {
    /** PostgreSQL's insufficient_privilege. */
    public static final String SQL_STATE = "42501";

    static final String WRITE_GRANTS = "GRANT SELECT, INSERT, UPDATE, DELETE ON route, route_history, outbox TO %1$s; "
            + "GRANT USAGE ON SEQUENCE route_history_id_seq, outbox_id_seq TO %1$s";
    static final String READ_GRANTS = "GRANT SELECT ON route, route_history, outbox TO %1$s";

    private final String databaseUser;
    private final String grant;

    public PermissionDeniedException(String databaseUser, String operation, String refusal, String grant, Throwable cause) {
        super("database user '" + databaseUser + "' may not " + operation + " (" + refusal + "). Ask the database "
                + "administrator to run: " + grant + "; or connect with a read-only profile to look without changing.",
                cause);
        this.databaseUser = databaseUser;
        this.grant = grant;
    }

    public String databaseUser() {
        return databaseUser;
    }

    /** The SQL that gives the missing grants. */
    public String grant() {
        return grant;
    }

    /** The typed exception when {@code e} is a missing grant, else null. */
    static PermissionDeniedException fromSql(SQLException e, Connection c, String operation, boolean write) {
        if (!SQL_STATE.equals(e.getSQLState())) {
            return null;
        }
        String user = userOf(c);
        String grant = String.format(write ? WRITE_GRANTS : READ_GRANTS, quoteIdent(user));
        return new PermissionDeniedException(user, operation, refusal(e), grant, e);
    }

    private static String refusal(SQLException e) {
        String message = e.getMessage() == null ? "permission denied" : e.getMessage();
        message = message.lines().findFirst().orElse(message).strip();
        return message.startsWith("ERROR: ") ? message.substring("ERROR: ".length()) : message;
    }

    private static String userOf(Connection c) {
        try {
            return c.getMetaData().getUserName();
        } catch (SQLException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /** The user as a SQL identifier, so the GRANT can be pasted as it is. */
    static String quoteIdent(String user) {
        return user.matches("[a-z_][a-z0-9_$]*") ? user : "\"" + user.replace("\"", "\"\"") + "\"";
    }
}
