package com.trafficmanager.console.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a file before one {@link SettingsException} reports them all. Each
 * problem also keeps the key it is about ({@code kafka.bootstrap}, empty when it is about no single
 * key) and its rule without the profile, so that the profile editor can show it beside its field.
 */
final class Problems {
    /** One problem: the key within the profile, the rule alone, and the full sentence. */
    record Problem(String key, String rule, String text) {
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(String error) {
        problems.add(new Problem("", error, error));
    }

    void add(String key, String rule, String text) {
        problems.add(new Problem(key, rule, text));
    }

    void addAll(List<String> more) {
        more.forEach(this::add);
    }

    int size() {
        return problems.size();
    }

    List<Problem> list() {
        return List.copyOf(problems);
    }

    void throwIfAny() throws SettingsException {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems.stream().map(Problem::text).toList());
        }
    }
}
