package com.trafficmanager.console.bench;

import com.trafficmanager.console.app.AppDirs;
import com.trafficmanager.console.sandbox.Sandbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a scenario runs against: the sandbox of this run, and the floors already measured in it (the
 * {@code floors} scenario runs first whenever a scenario needs them).
 */
public final class BenchContext {
    private final Sandbox sandbox;
    private final AppDirs dirs;
    private final Map<String, Figure> floors = new LinkedHashMap<>();

    public BenchContext(Sandbox sandbox, AppDirs dirs) {
        this.sandbox = sandbox;
        this.dirs = dirs;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public AppDirs dirs() {
        return dirs;
    }

    void recordFloors(Iterable<Figure> figures) {
        figures.forEach(f -> floors.put(f.name(), f));
    }

    /** The value of a floor figure (e.g. {@code raw_commit_p99_ms}) measured in this run. */
    public double floor(String name) {
        return Optional.ofNullable(floors.get(name)).map(Figure::value)
                .orElseThrow(() -> new IllegalStateException("floor " + name + " was not measured in this run"));
    }

    public boolean hasFloors() {
        return !floors.isEmpty();
    }
}
