package com.trafficmanager.console.route;

/**
 * The database failed (unreachable, timed out, refused the statement). The transaction was rolled
 * back, so nothing was written; retrying later is safe.
 */
public final class RouteStorageException extends RouteServiceException {
    public RouteStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
