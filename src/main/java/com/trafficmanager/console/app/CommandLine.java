package com.trafficmanager.console.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed command line. Parsing is strict: an unknown option or a missing value is an error that
 * says which, so a typo never silently starts the wrong thing.
 */
public record CommandLine(Mode mode, Optional<Path> dataDir, Optional<Path> configDir, boolean fresh,
                          Optional<String> profile, List<String> scenarios) {

    public enum Mode { CONSOLE, SMOKE, SANDBOX, BENCH, HELP }

    public static final String USAGE = String.join(System.lineSeparator(),
            "Traffic Manager Console",
            "",
            "Usage:",
            "  traffic-console [options]            open the console (the embedded sandbox when no profile is set up)",
            "  traffic-console --smoke [options]    open the main window on the sandbox, wait until PostgreSQL,",
            "                                       Kafka and Redis show connected, exit 0 (non-zero with the reason)",
            "  traffic-console sandbox [options]    start only the sandbox servers; print their endpoints as one",
            "                                       JSON line; run until SIGINT/SIGTERM",
            "  traffic-console bench [scenario ...] run benchmark scenarios on a fresh sandbox (default: all);",
            "                                       writes target/bench/<scenario>.json",
            "  traffic-console --help               this text",
            "",
            "Options:",
            "  --data-dir DIR     sandbox data directory (default: the per-user data directory)",
            "  --fresh            wipe the sandbox data directory before starting",
            "  --config-dir DIR   directory of settings.json (default: the per-user config directory)",
            "  --profile NAME     connect with this profile from settings.json instead of asking",
            "",
            "Benchmark scenarios: " + String.join(", ", com.trafficmanager.console.bench.BenchMain.SCENARIOS));

    public static CommandLine parse(String... args) throws UsageException {
        Mode mode = Mode.CONSOLE;
        Path dataDir = null;
        Path configDir = null;
        String profile = null;
        boolean fresh = false;
        List<String> scenarios = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> mode = Mode.HELP;
                case "--smoke" -> mode = switchMode(mode, Mode.SMOKE, arg);
                case "--fresh" -> fresh = true;
                case "--data-dir" -> dataDir = path(value(args, ++i, arg), arg);
                case "--config-dir" -> configDir = path(value(args, ++i, arg), arg);
                case "--profile" -> profile = value(args, ++i, arg);
                case "sandbox" -> mode = switchMode(mode, Mode.SANDBOX, arg);
                case "bench" -> mode = switchMode(mode, Mode.BENCH, arg);
                default -> {
                    if (mode == Mode.BENCH && !arg.startsWith("-")) {
                        if (!com.trafficmanager.console.bench.BenchMain.SCENARIOS.contains(arg)) {
                            throw new UsageException("unknown benchmark scenario '" + arg + "'; known: "
                                    + String.join(", ", com.trafficmanager.console.bench.BenchMain.SCENARIOS));
                        }
                        scenarios.add(arg);
                    } else {
                        throw new UsageException("unknown argument '" + arg + "'; see --help");
                    }
                }
            }
        }
        if (mode == Mode.HELP) {
            return new CommandLine(Mode.HELP, Optional.empty(), Optional.empty(), false, Optional.empty(), List.of());
        }
        // an option the mode would not use is refused, not ignored: "--smoke --profile staging" must not pass
        // as a check of staging while it checked the sandbox
        switch (mode) {
            case SMOKE -> refuse(profile != null, "--profile", "--smoke (it always runs on the sandbox)");
            case SANDBOX -> {
                refuse(profile != null, "--profile", "sandbox");
                refuse(configDir != null, "--config-dir", "sandbox");
            }
            case BENCH -> {
                refuse(profile != null, "--profile", "bench (it runs on a fresh sandbox of its own)");
                refuse(dataDir != null, "--data-dir", "bench (it runs on a fresh sandbox of its own)");
                refuse(fresh, "--fresh", "bench (it runs on a fresh sandbox of its own)");
                refuse(configDir != null, "--config-dir", "bench");
            }
            default -> { }
        }
        return new CommandLine(mode, Optional.ofNullable(dataDir), Optional.ofNullable(configDir), fresh,
                Optional.ofNullable(profile), List.copyOf(scenarios));
    }

    private static Mode switchMode(Mode current, Mode next, String arg) throws UsageException {
        if (current != Mode.CONSOLE && current != Mode.HELP) {
            throw new UsageException("'" + arg + "' cannot be combined with " + current.name().toLowerCase());
        }
        return current == Mode.HELP ? Mode.HELP : next;
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        if (args[i].isBlank()) { // an unset variable in a script: "" would be the current directory
            throw new UsageException(option + " needs a value, got an empty one");
        }
        return args[i];
    }

    private static Path path(String value, String option) throws UsageException {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(option + " must be a directory path, got '" + value + "': " + e.getReason());
        }
    }

    private static void refuse(boolean given, String option, String mode) throws UsageException {
        if (given) {
            throw new UsageException("'" + option + "' cannot be combined with " + mode);
        }
    }

    /** Wrong command line; the message is shown as it is, followed by a hint to --help. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }
}
