package com.trafficmanager.console.ui.routes;

import java.util.List;

/**
 * A question the operator must answer before a change is committed: what will happen, every route it
 * touches (named, not counted), and for a bulk change in a protected env the text they must type
 * ({@code typeToConfirm}, the env name), so a habitual Enter cannot change production.
 */
public record Confirmation(String title, String header, List<String> routes, String typeToConfirm, String okLabel) {
    public Confirmation {
        routes = List.copyOf(routes);
    }

    public boolean requiresTyping() {
        return typeToConfirm != null && !typeToConfirm.isEmpty();
    }

    /** Whether what the operator typed confirms (exact match, surrounding spaces ignored). */
    public boolean confirmedBy(String typed) {
        return !requiresTyping() || (typed != null && typed.trim().equals(typeToConfirm));
    }
}
