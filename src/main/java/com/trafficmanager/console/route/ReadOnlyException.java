package com.trafficmanager.console.route;

/** The connection profile is read-only; the service refuses every change, whatever the UI allowed. */
public final class ReadOnlyException extends RouteServiceException {
    private final String userId;

    public ReadOnlyException(String userId, String operation) {
        super("read-only profile: user '" + userId + "' may not " + operation);
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
