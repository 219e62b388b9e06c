package com.trafficmanager.console.app;

import com.trafficmanager.console.bench.BenchMain;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxException;
import com.trafficmanager.console.sandbox.SandboxOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every mode. It does not extend {@code javafx.application.Application}, so that the
 * plain {@code java -jar} launch works with JavaFX on the class path.
 *
 * <p>No logger field: the log directory must be set before logging starts.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> relaunch = RunClassPath.relaunchCommand(args);
        if (!relaunch.isEmpty()) {
            return RunClassPath.relaunch(relaunch);
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println("traffic-console: " + e.getMessage());
            return 2;
        }
        if (cli.mode() == CommandLine.Mode.HELP) {
            out.println(CommandLine.USAGE);
            return 0;
        }
        AppDirs dirs = AppDirs.forCurrentUser();
        if (cli.configDir().isPresent()) {
            dirs = dirs.withConfig(cli.configDir().get());
        }
        LogSetup.init(dirs.logs(), cli.mode());
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("traffic-console {} starting in mode {}", Version.current(), cli.mode());
        SandboxOptions sandboxOptions = new SandboxOptions(
                cli.dataDir().orElse(dirs.sandboxData()), dirs.cache(), cli.fresh(), SandboxOptions.DEFAULT_TOPIC);
        return switch (cli.mode()) {
            case SANDBOX -> runSandbox(sandboxOptions, out, log);
            case BENCH -> BenchMain.run(cli.scenarios(), dirs, out);
            case CONSOLE, SMOKE -> ConsoleApplication.launchConsole(new LaunchContext(cli, dirs, sandboxOptions));
            case HELP -> 0;
        };
    }

    private static int runSandbox(SandboxOptions options, PrintStream out, Logger log) {
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(options, (server, state, detail) ->
                    System.err.println(server + ": " + state.name().toLowerCase() + " - " + detail));
        } catch (SandboxException e) {
            System.err.println("traffic-console: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping the sandbox");
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));
        out.println(sandbox.endpoints().toJsonLine());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
