package com.trafficmanager.console.ui.invalidation;

/** One point of a trend chart: epoch seconds and the value then. */
public record TrendPoint(double epochSeconds, double value) {
}
