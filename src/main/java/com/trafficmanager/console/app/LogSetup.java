package com.trafficmanager.console.app;

import java.nio.file.Path;

/**
 * Points logback at the per-user log directory before the first logger is created (logback.xml reads
 * the {@code tc.log.dir} property). In the headless modes the console appender writes to stderr only,
 * so stdout stays clean for the endpoints line and the benchmark table.
 */
final class LogSetup {
    private LogSetup() {
    }

    static void init(Path logDir, CommandLine.Mode mode) {
        if (System.getProperty("tc.log.dir") == null) {
            System.setProperty("tc.log.dir", logDir.toString());
        }
        if (System.getProperty("tc.log.console.level") == null) {
            System.setProperty("tc.log.console.level", mode == CommandLine.Mode.CONSOLE ? "INFO" : "WARN");
        }
    }
}
