package com.trafficmanager.console.bench;

import java.util.List;

/** A named benchmark scenario; see {@link BenchMain} for how they are run and reported. */
public interface BenchScenario {
    String name();

    /** Measures and returns the figures; floors measured earlier in the same run are in the context. */
    List<Figure> run(BenchContext context) throws Exception;
}
