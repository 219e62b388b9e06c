package com.trafficmanager.console.invalidation;

import java.util.List;

/** Keys found by a bounded SCAN; {@code truncated} when the limit stopped it before the end. */
public record KeyScan(String pattern, List<String> keys, boolean truncated) {
    public KeyScan {
        keys = List.copyOf(keys);
    }
}
