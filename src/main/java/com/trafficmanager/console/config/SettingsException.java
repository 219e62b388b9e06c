package com.trafficmanager.console.config;

import java.util.List;

/**
 * The settings file, or a secret it points to, cannot be used. Carries every problem found, not just
 * the first, so that an operator fixes the file in one pass; each one names the profile, the key and
 * the rule. The message is the problems joined with newlines, ready for a dialog or a log line.
 *
 * <p>Hazard: messages are shown and logged, so they never carry a secret value; code that adds a
 * problem must not quote a value that may hold one.
 */
public final class SettingsException extends Exception {
    private final List<String> errors;

    public SettingsException(List<String> errors) {
        super(String.join("\n", requireSome(errors)));
        this.errors = List.copyOf(errors);
    }

    public SettingsException(String error) {
        this(List.of(error));
    }

    /** The problems, in the order they appear in the file. */
    public List<String> errors() {
        return errors;
    }

    private static List<String> requireSome(List<String> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a SettingsException needs at least one error");
        }
        return errors;
    }
}
