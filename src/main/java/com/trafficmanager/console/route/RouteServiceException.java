package com.trafficmanager.console.route;

/**
 * Why the route service refused or failed a request. Each subclass carries the facts a view needs to
 * say what happened; {@link #getMessage()} is already a sentence an operator can read. When one is
 * thrown, nothing was written.
 */
public abstract class RouteServiceException extends RuntimeException {
    protected RouteServiceException(String message) {
        super(message);
    }

    protected RouteServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
