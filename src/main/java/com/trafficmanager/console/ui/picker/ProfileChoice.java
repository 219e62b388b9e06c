package com.trafficmanager.console.ui.picker;

/** One line of the connection picker: a profile's name and what it connects to (never a secret). */
public record ProfileChoice(String name, String description, boolean readOnly) {
    @Override
    public String toString() {
        return readOnly ? name + "  (read-only)" : name;
    }
}
