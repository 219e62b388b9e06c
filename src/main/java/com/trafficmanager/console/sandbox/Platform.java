package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * PostgreSQL refuses to run as root; as root we start it inside a user namespace instead. Root is
     * uid 0, whatever the account is called (containers name it freely): read from /proc on Linux.
     */
    static boolean isRoot() {
        if (isWindows()) {
            return false;
        }
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("Uid:")) {
                        return line.substring(4).trim().split("\\s+")[1].equals("0"); // the effective uid
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not readable after all: the account's name says it
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
