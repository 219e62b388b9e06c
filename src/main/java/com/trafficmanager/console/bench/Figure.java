package com.trafficmanager.console.bench;

/**
 * One measured figure of a benchmark scenario. {@code floor} is the same quantity measured on the raw
 * servers in the same run; {@code ratio} is value / floor; {@code target} is what the figure should
 * meet (a bound on the value, or on the ratio when the unit is "x"). Absent parts are null.
 */
public record Figure(String name, double value, String unit, Double floor, Double ratio, Double target) {

    public static Figure of(String name, double value, String unit) {
        return new Figure(name, value, unit, null, null, null);
    }

    public static Figure withTarget(String name, double value, String unit, double target) {
        return new Figure(name, value, unit, null, null, target);
    }

    /** A figure next to its floor; the ratio is computed here so every scenario computes it alike. */
    public static Figure againstFloor(String name, double value, String unit, double floor, Double target) {
        Double ratio = floor == 0 ? null : value / floor;
        return new Figure(name, value, unit, floor, ratio, target);
    }
}
