package com.trafficmanager.console.connect;

/** One cheap check that a server answers; throws with a reason an operator can act on when it does not. */
public interface ServerProbe {
    String server();

    void check() throws Exception;
}
