package com.trafficmanager.console.invalidation;

/** Where the invalidation consumer is, as the tab shows it. */
public enum ConsumerState {
    STOPPED("stopped"),
    STARTING("joining the group"),
    RUNNING("running"),
    PAUSED("paused by the operator"),
    WAITING_FOR_REDIS("Redis unavailable: partitions paused, retrying"),
    CRASHED("crashed (fault injection): press Start"),
    RESTARTING("failed; restarting");

    private final String label;

    ConsumerState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
