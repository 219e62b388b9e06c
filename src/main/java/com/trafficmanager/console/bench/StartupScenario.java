package com.trafficmanager.console.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up, each in a new JVM as an operator launches it: the sandbox from an empty directory (cold)
 * and from an existing one (warm) until all three servers serve, then the real console window on that directory (a child process) until its first
 * frame, and the resident memory of that console with its servers.
 */
public final class StartupScenario implements BenchScenario {
    private static final Logger LOG = LoggerFactory.getLogger(StartupScenario.class);
    static final String FIRST_FRAME_PREFIX = "first-frame-ms=";

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        Path dir = Files.createTempDirectory("tc-bench-startup");
        try {
            return measure(dir);
        } finally {
            BenchMain.deleteQuietly(dir);
        }
    }

    private List<Figure> measure(Path dir) throws Exception {
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.withTarget("cold_start_ms", timeSandboxProcess(dir, true), "ms", 8_000));
        figures.add(Figure.withTarget("warm_start_ms", timeSandboxProcess(dir, false), "ms", 5_000));
        if (System.getenv("DISPLAY") == null && !System.getProperty("os.name", "").toLowerCase().contains("win")
                && !System.getProperty("os.name", "").toLowerCase().contains("mac")) {
            LOG.warn("no DISPLAY: first_frame_ms and rss_mb need a window; run under xvfb-run");
            return figures;
        }
        double[] window = firstFrameAndRss(dir);
        figures.add(Figure.withTarget("first_frame_ms", window[0], "ms", 2_000));
        figures.add(Figure.withTarget("rss_mb", window[1], "MB", 1_024));
        return figures;
    }

    /**
     * Milliseconds from launching {@code traffic-console sandbox} (a new JVM, as an operator starts it)
     * until it prints its endpoints line, i.e. until all three servers serve. Then stops it with SIGTERM.
     */
    private static double timeSandboxProcess(Path dir, boolean fresh) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-cp", System.getProperty("java.class.path"),
                "com.trafficmanager.console.app.Main", "sandbox", "--data-dir", dir.toString()));
        if (fresh) {
            command.add("--fresh");
        }
        long t0 = System.nanoTime();
        Process sandbox = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            double elapsed = (System.nanoTime() - t0) / 1e6;
            if (line == null || !line.startsWith("{")) {
                throw new IllegalStateException("the sandbox process did not print its endpoints");
            }
            return elapsed;
        } finally {
            sandbox.destroy();
            if (!sandbox.waitFor(60, TimeUnit.SECONDS)) {
                sandbox.destroyForcibly();
            }
        }
    }

    /** The java launcher of the running JVM, for the benchmarks' child JVMs. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the console in smoke mode and reads the first-frame line it prints when asked to. */
    private static double[] firstFrameAndRss(Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-D" + FirstFrameProbe.PROPERTY + "=true"));
        command.addAll(ViewerIngestScenario.CONSOLE_JAVA_OPTIONS); // the installed console's heap and collector
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.trafficmanager.console.app.Main",
                "--smoke", "--data-dir", dir.toString()));
        Process console = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double firstFrame = Double.NaN;
        double rss = Double.NaN;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(console.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                if (line.startsWith(FIRST_FRAME_PREFIX)) {
                    firstFrame = Double.parseDouble(line.substring(FIRST_FRAME_PREFIX.length()));
                    rss = residentMb(console.toHandle());
                }
            }
        }
        if (!console.waitFor(180, TimeUnit.SECONDS) || console.exitValue() != 0 || Double.isNaN(firstFrame)) {
            console.destroyForcibly();
            throw new IllegalStateException("the console did not report its first frame and pass its smoke check");
        }
        return new double[] {firstFrame, rss};
    }

    /** Resident memory of a process and all its descendants (the JVM, postgres, redis-server), Linux only. */
    static double residentMb(ProcessHandle root) {
        long kb = Stream.concat(Stream.of(root), root.descendants()).mapToLong(StartupScenario::vmRssKb).sum();
        return kb / 1024.0;
    }

    private static long vmRssKb(ProcessHandle p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception gone) {
            // the process ended between listing and reading
        }
        return 0;
    }
}
