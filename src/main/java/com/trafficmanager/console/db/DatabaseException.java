package com.trafficmanager.console.db;

/**
 * The database could not be reached, migrated or queried. The message says what was attempted and
 * against which server, so the status bar can show it as is.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
