package com.trafficmanager.console.ui.live;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * How many arrivals the table would show, counted while it is paused (the Resume button says so).
 * Counted on the window's thread within {@link ArrivalFilter}'s budget: filtering a whole burst there could
 * take seconds. Arrivals past the budget are not tested, so the count then becomes a lower bound and says
 * "at least". That is the simplest honest answer: an exact figure would need a re-filter of the rings for a
 * label, and resuming rebuilds the table from the rings anyway, so nothing shown depends on the count.
 */
final class NewWhilePaused {
    private final ReadOnlyLongWrapper count = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper atLeast = new ReadOnlyBooleanWrapper();

    void add(ArrivalFilter.Count arrived) {
        count.set(count.get() + arrived.matching());
        if (!arrived.complete()) {
            atLeast.set(true);
        }
    }

    void reset() {
        count.set(0);
        atLeast.set(false);
    }

    ReadOnlyLongProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** Whether the count is a lower bound (some arrivals were not tested: the budget ran out). */
    ReadOnlyBooleanProperty atLeastProperty() {
        return atLeast.getReadOnlyProperty();
    }
}
