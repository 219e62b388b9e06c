package com.trafficmanager.console.ui.invalidation;

/** One of the last events processed, ready to show: time, partition/offset, key, action, result, detail. */
public record EventRow(String time, String position, String key, String action, String result, String detail) {
}
