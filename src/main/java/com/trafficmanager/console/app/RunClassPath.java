package com.trafficmanager.console.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs the class path of {@code mvn javafx:run}. The JavaFX Maven plugin builds its class path from
 * the jars it can read as Java modules and leaves out the others; kafka_2.13 (the in-process broker)
 * is one of them. When the broker's classes are missing and the plugin told us where the run jar is
 * ({@code -Dtc.run.jar}, a manifest-only jar naming target/classes and target/lib), the console runs
 * itself again in a child JVM from that jar, exactly as {@code java -jar} would, and passes its exit
 * code on. Any other launch finds the broker on the class path and does nothing here.
 */
final class RunClassPath {
    static final String RUN_JAR_PROPERTY = "tc.run.jar";

    private RunClassPath() {
    }

    /** Empty when this JVM can run the console; otherwise the command that can. */
    static List<String> relaunchCommand(String[] args) {
        String runJar = System.getProperty(RUN_JAR_PROPERTY);
        if (runJar == null || brokerOnClassPath() || !Files.isRegularFile(Path.of(runJar))) {
            return List.of();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(runJar);
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    static int relaunch(List<String> command) {
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            // Ctrl-C on Maven reaches this JVM; pass the stop on so the child stops its servers.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                child.destroy();
                try {
                    child.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "relaunch-stop"));
            return child.waitFor();
        } catch (Exception e) {
            System.err.println("traffic-console: could not start from " + command.get(2) + ": " + e.getMessage());
            return 1;
        }
    }

    private static boolean brokerOnClassPath() {
        try {
            Class.forName("kafka.server.KafkaRaftServer", false, RunClassPath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
