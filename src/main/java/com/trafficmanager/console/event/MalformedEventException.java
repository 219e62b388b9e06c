package com.trafficmanager.console.event;

/**
 * A record on the topic that is not a readable {@code route_changed} event: not JSON, a required field
 * missing or of the wrong type, an unknown major version. Consumers count, log and skip these.
 */
public class MalformedEventException extends Exception {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
