package com.trafficmanager.console.invalidation;

/** The lag could not be read (Kafka does not answer); the message says why, for the tab. */
public class LagUnavailableException extends Exception {
    public LagUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
