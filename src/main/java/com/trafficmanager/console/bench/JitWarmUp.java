package com.trafficmanager.console.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Runs a workload, unmeasured, until the JIT compilers of this JVM have settled: the last round's
 * compile time was under {@value #SETTLED_MILLIS_PER_S} ms per second of the round, after at least
 * {@value #MIN_MILLIS} ms. A figure and its floor both get it, so neither is measured while its code
 * still compiles (the compiler thread took about a third of the two cores after a fixed, short warm-up).
 */
final class JitWarmUp {
    static final long MIN_MILLIS = 3_000;
    /** Settled: small methods still come and go, so not zero. */
    static final double SETTLED_MILLIS_PER_S = 20;

    /** One round of the workload. */
    interface Round {
        void run() throws Exception;
    }

    private JitWarmUp() {
    }

    /**
     * Repeats {@code round} until the compilers settled or {@code maxMillis} passed.
     *
     * @return how long the warm-up took, in ms
     */
    static long repeat(Round round, long maxMillis) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        long start = System.nanoTime();
        while (true) {
            long compiledBefore = measurable ? jit.getTotalCompilationTime() : 0;
            long t0 = System.nanoTime();
            round.run();
            double compileMillisPerSecond = measurable
                    ? (jit.getTotalCompilationTime() - compiledBefore) * 1e9 / (System.nanoTime() - t0) : 0;
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= maxMillis || elapsed >= MIN_MILLIS && compileMillisPerSecond < SETTLED_MILLIS_PER_S) {
                return elapsed;
            }
        }
    }
}
