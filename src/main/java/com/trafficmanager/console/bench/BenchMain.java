package com.trafficmanager.console.bench;

import com.trafficmanager.console.app.AppDirs;
import com.trafficmanager.console.sandbox.FileTrees;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxException;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench [scenario ...]}: starts a fresh sandbox, measures the floors first whenever a scenario
 * is read against them, runs the scenarios in order, prints a table per scenario and writes
 * {@code target/bench/<scenario>.json}.
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
    private static final Map<String, Supplier<BenchScenario>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put("floors", FloorsScenario::new);
        REGISTRY.put("startup", StartupScenario::new);
        REGISTRY.put("write-latency", WriteLatencyScenario::new);
        REGISTRY.put("bulk-throughput", BulkThroughputScenario::new);
        REGISTRY.put("routes-ui", RoutesUiScenario::new);
        REGISTRY.put(InvalidationDrainScenario.NAME, InvalidationDrainScenario::new);
        REGISTRY.put(E2eLatencyScenario.NAME, E2eLatencyScenario::new);
        REGISTRY.put("viewer-ingest", ViewerIngestScenario::new);
    }

    public static final List<String> SCENARIOS = List.copyOf(REGISTRY.keySet());

    private BenchMain() {
    }

    public static int run(List<String> requested, AppDirs dirs, PrintStream out) {
        List<String> names = new ArrayList<>(requested.isEmpty() ? SCENARIOS : requested);
        boolean needsFloors = names.stream().anyMatch(n -> !n.equals("floors") && !n.equals("startup"));
        if (needsFloors) {
            names.remove("floors"); // first, wherever it was asked for: the later scenarios read their ratios from it
            names.add(0, "floors");
        }
        Path reportDir = Path.of("target", "bench");
        Path dataDir = null;
        try {
            // a scenario that fails must not leave an earlier run's figures looking like this run's
            for (String name : names) {
                Files.deleteIfExists(reportDir.resolve(name + ".json"));
            }
            dataDir = Files.createTempDirectory("tc-bench");
            try (Sandbox sandbox = Sandbox.start(new SandboxOptions(dataDir, dirs.cache(), true,
                    SandboxOptions.DEFAULT_TOPIC).withAnyFreePorts(), SandboxListener.NONE)) {
                BenchContext context = new BenchContext(sandbox, dirs);
                for (String name : names) {
                    BenchScenario scenario = REGISTRY.get(name).get();
                    LOG.info("running scenario {}", name);
                    List<Figure> figures = scenario.run(context);
                    if (name.equals("floors")) {
                        context.recordFloors(figures);
                    }
                    BenchReport.print(name, figures, out);
                    out.println("written: " + BenchReport.write(reportDir, name, figures));
                }
            }
            return 0;
        } catch (SandboxException e) {
            System.err.println("bench: the sandbox did not start: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            LOG.error("benchmark failed", e);
            System.err.println("bench: " + e);
            return 1;
        } finally {
            deleteQuietly(dataDir); // a viewer-ingest run leaves gigabytes of Kafka log behind
        }
    }

    /** Removes a run's throwaway data directory once its servers have stopped. */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the benchmark's data directory {}: {}", dir, e.toString());
        }
    }
}
