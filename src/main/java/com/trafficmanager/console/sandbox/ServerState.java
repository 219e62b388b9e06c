package com.trafficmanager.console.sandbox;

/** Life cycle of one embedded server, as the start-up screen shows it. */
public enum ServerState {
    PENDING, STARTING, SERVING, FAILED, STOPPED
}
