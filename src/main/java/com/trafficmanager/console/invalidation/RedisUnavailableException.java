package com.trafficmanager.console.invalidation;

/** Redis did not answer (connection refused, reset, timed out): retry later, commit nothing past it. */
public class RedisUnavailableException extends Exception {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
