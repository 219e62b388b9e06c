package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EventFilter;
import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Filters what arrived on the window's thread within a time budget per call (the view model makes at most
 * one call a pulse). The filter's own limits are per value (a regular expression has a few milliseconds a
 * match, see {@link EventFilter}), not per pulse, and a field or "malformed only" filter decodes each
 * arrival: a burst of 20,000 at half a millisecond each held the window for ten seconds. So testing stops
 * once the budget is spent, and the caller does the rest where it costs the window nothing: the table is
 * re-filtered from the rings on the filter's own thread (as in a flood), the paused count says "at least".
 *
 * <p>The first {@link #MIN_TESTED} arrivals are tested whatever the clock says, so a trickle is shown at
 * once even when this thread was descheduled for a moment; that costs at most that many matches. A filter
 * that matches everything costs nothing and has no budget.
 */
final class ArrivalFilter {
    /** Time per pulse for filtering arrivals on the window's thread, as much as for checking them. */
    static final long BUDGET_NANOS = 3_000_000L;
    static final int MIN_TESTED = 8;

    /** How many arrivals matched, and whether all were tested (if not, {@code matching} is a lower bound). */
    record Count(long matching, boolean complete) {
    }

    private final LongSupplier nanoClock;
    private final long budgetNanos;

    ArrivalFilter() {
        this(System::nanoTime, BUDGET_NANOS);
    }

    /** With the clock the budget is measured on and the budget (tests set both). */
    ArrivalFilter(LongSupplier nanoClock, long budgetNanos) {
        this.nanoClock = nanoClock;
        this.budgetNanos = budgetNanos;
    }

    /**
     * The arrivals of {@code partition} (null: of every partition) that {@code filter} matches, in their
     * order; or null when testing them ran past the budget (then nothing of the pass is kept: the caller
     * re-filters elsewhere).
     */
    List<TailEvent> matching(List<TailEvent> arrived, Integer partition, EventFilter.Compiled filter) {
        Allowance allowance = new Allowance(filter);
        List<TailEvent> out = new ArrayList<>();
        for (TailEvent e : arrived) {
            if (partition != null && e.partition() != partition) {
                continue;
            }
            if (!allowance.mayTestAnother()) {
                return null;
            }
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The filter thread's work for arrivals that ran past the budget here: those of {@code partition} (null:
     * of every partition) that the filter it is given matches, in their order.
     */
    static Function<Predicate<TailEvent>, List<TailEvent>> testedElsewhere(List<TailEvent> batch, Integer partition) {
        return test -> {
            List<TailEvent> out = new ArrayList<>();
            for (TailEvent e : batch) {
                if ((partition == null || e.partition() == partition) && test.test(e)) {
                    out.add(e);
                }
            }
            return out;
        };
    }

    /** How many arrivals of {@code partition} (null: of every partition) {@code filter} matches, within the budget. */
    Count count(List<TailEvent> arrived, Integer partition, EventFilter.Compiled filter) {
        Allowance allowance = new Allowance(filter);
        long n = 0;
        for (TailEvent e : arrived) {
            if (partition != null && e.partition() != partition) {
                continue;
            }
            if (!allowance.mayTestAnother()) {
                return new Count(n, false);
            }
            if (filter.test(e)) {
                n++;
            }
        }
        return new Count(n, true);
    }

    /** One pass's allowance: everything for a filter that matches all, else {@link #MIN_TESTED}, then the budget. */
    private final class Allowance {
        private final boolean free;
        private final long deadline;
        private int tested;

        Allowance(EventFilter.Compiled filter) {
            free = filter.matchesAll();
            deadline = free ? 0 : nanoClock.getAsLong() + budgetNanos;
        }

        /** Whether one more arrival may be tested; the clock is read before each one past the minimum (one may take ms). */
        boolean mayTestAnother() {
            if (free || tested < MIN_TESTED || nanoClock.getAsLong() - deadline <= 0) {
                tested++;
                return true;
            }
            return false;
        }
    }
}
