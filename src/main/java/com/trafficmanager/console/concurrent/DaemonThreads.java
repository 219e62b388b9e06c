package com.trafficmanager.console.concurrent;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for the console's background work: named (they show by name in a thread dump and in the
 * log) and daemon, so none of them keeps the JVM alive after the window closed and the session stopped.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Starts {@code work} on a daemon thread called {@code name} and returns the thread. */
    public static Thread start(String name, Runnable work) {
        Thread t = named(name).newThread(work);
        t.start();
        return t;
    }

    /** A factory of daemon threads that all carry {@code name}. */
    public static ThreadFactory named(String name) {
        return work -> {
            Thread t = new Thread(work, name);
            t.setDaemon(true);
            return t;
        };
    }
}
