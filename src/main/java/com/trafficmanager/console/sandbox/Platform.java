package com.trafficmanager.console.sandbox;

import java.util.Locale;

/** The few facts about the operating system the sandbox needs to pick and run server binaries. */
final class Platform {
    private static final String OS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    private static final String ARCH = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);

    private Platform() {
    }

    static boolean isWindows() {
        return OS.contains("win");
    }

    static boolean isMac() {
        return OS.contains("mac");
    }

    static boolean isArm64() {
        return ARCH.equals("aarch64") || ARCH.equals("arm64");
    }

    /** PostgreSQL refuses to run as root; as root we start it inside a user namespace instead. */
    static boolean isRoot() {
        return !isWindows() && "root".equals(System.getProperty("user.name"));
    }
}
