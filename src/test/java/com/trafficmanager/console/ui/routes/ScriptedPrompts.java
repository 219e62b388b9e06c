package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.Route;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** The operator's answers, as a test scripts them; a conflict is not expected and fails the test. */
final class ScriptedPrompts implements RoutesPrompts {
    private final Predicate<Confirmation> confirmations;
    private final BiFunction<Route, String, Optional<String>> urls;

    ScriptedPrompts(Predicate<Confirmation> confirmations, BiFunction<Route, String, Optional<String>> urls) {
        this.confirmations = confirmations;
        this.urls = urls;
    }

    @Override
    public boolean confirm(Confirmation confirmation) {
        return confirmations.test(confirmation);
    }

    @Override
    public boolean conflict(ConflictReport report) {
        throw new AssertionError("no conflict expected: " + report.route());
    }

    @Override
    public Optional<String> editUrl(Route route, String proposed) {
        return urls.apply(route, proposed);
    }
}
