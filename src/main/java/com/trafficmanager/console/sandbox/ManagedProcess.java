package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that runs as a child process (postgres, redis-server), with its output in a log file and
 * its pid in a pid file.
 *
 * <p>Why the pid file: a console killed without a clean stop (power cut, {@code kill -9}) leaves its
 * child servers running. On the next start {@link #killStale} finds them by that pid file and stops
 * them, so they neither hold the port nor the data directory's lock.
 *
 * <p>A process that exits without being asked to ({@link #stop} or {@link #kill}) is reported to the
 * {@link #onCrash} handler with its exit code; the sandbox's {@link ServerSupervisor} starts it again.
 */
final class ManagedProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    /** How far a pid file's start time may be from the process's and still name it. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    private final String name;
    private final Path logFile;
    private final Path pidFile;
    /** The running process; set to null BEFORE a requested stop, so its exit is not taken for a crash. */
    private volatile Process process;
    private volatile IntConsumer crashHandler = code -> { };
    private boolean retired;

    ManagedProcess(String name, Path logFile, Path pidFile) {
        this.name = name;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /**
     * Starts the server; refused once {@link #retire} was called, so a start still under way when the
     * sandbox closes (a SIGTERM during start-up, a drill's restart) cannot leave a server behind.
     */
    synchronized void start(List<String> command) throws IOException {
        if (retired) {
            throw new IOException(name + " is not started: the sandbox is stopping");
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        LOG.debug("starting {}: {}", name, command);
        Process started = builder.start();
        process = started;
        // the start time too: after a reboot the pid may name another program (see killStale)
        Files.writeString(pidFile, started.pid() + started.info().startInstant().map(t -> "\n" + t).orElse(""));
        started.onExit().thenAccept(exited -> {
            if (process == exited) {
                crashHandler.accept(exited.exitValue());
            }
        });
    }

    /** No start from now on; a start under way finishes first, so the stop that follows sees its process. */
    synchronized void retire() {
        retired = true;
    }

    /** Who hears of an exit nobody asked for, with the exit code (on a thread of the JDK's pool). */
    void onCrash(IntConsumer handler) {
        crashHandler = handler;
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    Optional<Long> pid() {
        Process p = process;
        return p == null ? Optional.empty() : Optional.of(p.pid());
    }

    /** Fails with the tail of the server's log when the process has already exited. */
    void checkAlive() throws IOException {
        Process p = process;
        if (p != null && !p.isAlive()) {
            throw new IOException(name + " exited with code " + p.exitValue() + ": " + logTail(12));
        }
    }

    /**
     * Asks the server to stop with {@code signal} ({@code TERM}, {@code INT}) and waits; kills it when
     * it does not stop within {@code grace}.
     */
    void stop(String signal, Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        try {
            if (p.isAlive()) {
                signal(p.pid(), signal);
                if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} did not stop within {} s; killing it", name, grace.toSeconds());
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                LOG.debug("could not delete {}", pidFile, e);
            }
        }
    }

    /** Kills the process without a clean stop; what a crash does (tests and fault injection). */
    void kill() {
        Process p = process;
        if (p != null) {
            process = null;
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops a process left running by an earlier console that did not stop cleanly, when the pid in
     * {@code pidFile} still names a live process whose command contains {@code commandMarker} and that
     * is the one the console started: it started when the pid file says (a pid reused after a reboot
     * names a process started later, perhaps the user's own PostgreSQL or Redis, which must live on).
     * A pid file without a start time, or a system that does not tell it: the command line must name the
     * pid file's directory, or show no arguments at all (Redis rewrites its process title).
     */
    static void killStale(Path pidFile, String commandMarker, String name) {
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readString(pidFile, StandardCharsets.UTF_8).lines().map(String::trim).toList();
            long pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0));
            Optional<Instant> recordedStart = lines.size() > 1 ? parseInstant(lines.get(1)) : Optional.empty();
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(handle -> {
                String[] arguments = handle.info().arguments().orElse(new String[0]);
                String command = handle.info().command().orElse("") + " " + String.join(" ", arguments);
                Optional<Instant> actualStart = handle.info().startInstant();
                // within 2 s: the system derives a start time from its boot time, which a clock adjustment moves
                boolean ours = recordedStart.isPresent() && actualStart.isPresent()
                        ? Duration.between(recordedStart.get(), actualStart.get()).abs().compareTo(START_TOLERANCE) <= 0
                        : arguments.length == 0 || namesDirectoryOf(command, pidFile);
                if (!ours && command.contains(commandMarker)) {
                    LOG.info("pid {} of an earlier {} now names another process ({}); left alone", pid, name, command);
                }
                if (command.contains(commandMarker) && ours) {
                    LOG.warn("stopping {} (pid {}) left running by an earlier console", name, pid);
                    handle.destroy();
                    try {
                        handle.onExit().get(15, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        handle.destroyForcibly();
                        try {
                            handle.onExit().get(5, TimeUnit.SECONDS);
                        } catch (Exception ignored) {
                            LOG.warn("{} (pid {}) did not stop", name, pid);
                        }
                    }
                }
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("ignoring unreadable pid file {}", pidFile, e);
        }
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the command line names the pid file's directory (postgres {@code -D}, redis {@code --dir}):
     * after a reboot the pid may belong to the user's own PostgreSQL or Redis, which must live on.
     * Where the system does not tell a process's arguments, the command's name has to do.
     */
    private static boolean namesDirectoryOf(String command, Path pidFile) {
        Path dir = pidFile.getParent();
        if (dir == null) {
            return true;
        }
        return command.contains(dir.toString()) || command.contains(dir.toAbsolutePath().normalize().toString());
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void signal(long pid, String signal) throws InterruptedException {
        if (Platform.isWindows()) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) { // no kill on the PATH (procps missing): SIGTERM is all Java can send
            LOG.warn("could not run kill -{} ({}); sending SIGTERM instead (PostgreSQL then waits for its "
                    + "sessions to end)", signal, e.getMessage());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
