package com.trafficmanager.console.sandbox;

/** A sandbox server that could not start; names the server and the reason. */
public final class SandboxException extends Exception {
    private final String server;

    public SandboxException(String server, String reason) {
        super(server + ": " + reason);
        this.server = server;
    }

    public String server() {
        return server;
    }
}
