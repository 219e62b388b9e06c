package com.trafficmanager.console.invalidation;

/**
 * A partition's (or the group's) health over the evaluation window, after LinkedIn Burrow's rules;
 * see {@link BurrowEvaluator} for when each applies. Declared from least to most severe: the group's
 * status is its worst partition's.
 */
public enum LagStatus {
    OK("caught up or catching up"),
    WARN("offsets move but lag never falls"),
    REWIND("the committed offset went back"),
    STALL("offsets stuck while there is lag"),
    STOP("no commits for longer than the window spans");

    private final String meaning;

    LagStatus(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }

    public LagStatus worse(LagStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
