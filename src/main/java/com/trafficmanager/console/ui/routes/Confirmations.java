package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The confirmations the Routes tab asks for. A change that touches a protected env (the profile's
 * {@code protectedEnvs}, {@code prod} by default) names every route it touches; a bulk change there
 * (more than one route) also asks the operator to type the env name. A delete is always confirmed.
 */
final class Confirmations {
    private Confirmations() {
    }

    /** Empty when no route of the change is in a protected env. */
    static Optional<Confirmation> stateChange(String verb, List<RouteRow> targets, RoutesSettings settings) {
        TreeSet<String> envs = new TreeSet<>();
        for (RouteRow r : targets) {
            if (settings.isProtected(r.key().env())) {
                envs.add(r.key().env());
            }
        }
        if (envs.isEmpty()) {
            return Optional.empty();
        }
        String env = String.join(",", envs);
        List<String> names = targets.stream().map(r -> r.key() + (settings.isProtected(r.key().env()) ? "  (protected)" : "")
                + "  " + r.route().url()).toList();
        String capital = Character.toUpperCase(verb.charAt(0)) + verb.substring(1);
        String header = capital + " " + (targets.size() == 1 ? "this route" : "these " + targets.size() + " routes")
                + " in the protected env " + (envs.size() == 1 ? "'" + env + "'" : "s '" + env + "'") + "?";
        return Optional.of(new Confirmation(capital + " in " + env, header, names, targets.size() > 1 ? env : null,
                capital));
    }

    static Confirmation urlChange(Route route, String newUrl) {
        return new Confirmation("Change URL in " + route.key().env(), "Point this route in the protected env '"
                + route.key().env() + "' to a new URL?",
                List.of(route.key() + "  " + route.url() + "  ->  " + newUrl), null, "Change URL");
    }

    static Confirmation delete(Route route, RoutesSettings settings) {
        boolean prot = settings.isProtected(route.key().env());
        return new Confirmation("Delete route", "Delete this route" + (prot ? " in the protected env '"
                + route.key().env() + "'" : "") + "? Its history stays; a 'deleted' event is published.",
                List.of(route.key() + "  " + route.url()), null, "Delete");
    }
}
