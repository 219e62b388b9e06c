package com.trafficmanager.console.bench;

/**
 * Lets the startup benchmark ask a console it launched when its main view's first frame was laid
 * out: with {@code -Dtc.bench.firstFrame=true} the console prints {@code first-frame-ms=N} on stderr,
 * N measured from the moment all servers were up.
 */
public final class FirstFrameProbe {
    public static final String PROPERTY = "tc.bench.firstFrame";

    private FirstFrameProbe() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }

    public static void report(long serversUpNanos) {
        System.err.println(StartupScenario.FIRST_FRAME_PREFIX + (System.nanoTime() - serversUpNanos) / 1_000_000);
    }

    /** The window's very first frame (the start-up screen), in ms since the JVM was launched. */
    public static void reportWindow() {
        long sinceLaunch = System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println(WINDOW_FRAME_PREFIX + sinceLaunch);
    }

    public static final String WINDOW_FRAME_PREFIX = "window-frame-ms=";
}
