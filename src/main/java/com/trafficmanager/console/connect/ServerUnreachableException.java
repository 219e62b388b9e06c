package com.trafficmanager.console.connect;

/**
 * A server did not answer, and nothing says the profile's settings are wrong (no refused login, no
 * missing topic, no TLS failure): it may come back by itself, so a console can open without Kafka or
 * Redis and keep trying, where a wrong setting has to be fixed first.
 */
public final class ServerUnreachableException extends IllegalStateException {
    public ServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
