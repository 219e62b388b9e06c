package com.trafficmanager.console.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a file before one {@link SettingsException} reports them all. */
final class Problems {
    private final List<String> errors = new ArrayList<>();

    void add(String error) {
        errors.add(error);
    }

    void addAll(List<String> more) {
        errors.addAll(more);
    }

    int size() {
        return errors.size();
    }

    void throwIfAny() throws SettingsException {
        if (!errors.isEmpty()) {
            throw new SettingsException(errors);
        }
    }
}
