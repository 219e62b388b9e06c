package com.trafficmanager.console.app;

import java.util.List;

/** Names of the benchmark scenarios, in the order {@code bench} with no argument runs them. */
final class BenchScenarios {
    static final List<String> NAMES = List.of("floors", "startup");

    private BenchScenarios() {
    }
}
