package com.trafficmanager.console.db;

import java.time.Duration;
import java.time.Instant;

/**
 * How far the database's clock is from a local one, taken around one statement: the database's time during
 * the statement against the middle of the local times before and after it (off by at most half the round
 * trip). Times the database wrote ({@code now()}, another console's publish) are then read on the local
 * clock, so that they compare with the workstation's own: a workstation whose clock is ten seconds off
 * would otherwise find an event published a second ago ten seconds old, or not yet published.
 */
public record ClockOffset(Duration databaseBehind) {
    /**
     * @param databaseNow the database's time during the statement ({@code statement_timestamp()})
     * @param localBefore the local clock just before the statement was sent
     * @param localAfter  the local clock once its answer was read
     */
    public static ClockOffset measured(Instant databaseNow, Instant localBefore, Instant localAfter) {
        Instant localMiddle = localBefore.plus(Duration.between(localBefore, localAfter).dividedBy(2));
        return new ClockOffset(Duration.between(databaseNow, localMiddle));
    }

    /** A time the database wrote, on the local clock. */
    public Instant toLocal(Instant databaseTime) {
        return databaseTime.plus(databaseBehind);
    }
}
