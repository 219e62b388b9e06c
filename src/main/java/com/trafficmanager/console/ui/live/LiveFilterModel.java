package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.EventFilter;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The filter inputs of the Live events tab, bound to the filter bar's fields, and the compiled
 * filter they make. Any change recompiles at once; a bad regular expression leaves its error in
 * {@link #errorProperty()} and filters nothing.
 */
public final class LiveFilterModel {
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty tenant = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty env = new SimpleStringProperty("");
    private final StringProperty eventId = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty regex = new SimpleStringProperty("");
    private final BooleanProperty malformedOnly = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<EventFilter.Compiled> compiled =
            new ReadOnlyObjectWrapper<>(EventFilter.none().compile());
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    LiveFilterModel() {
        for (Observable o : new Observable[] {action, tenant, service, env, eventId, text, regex, malformedOnly}) {
            o.addListener(x -> recompile());
        }
    }

    private void recompile() {
        EventFilter.Compiled c = new EventFilter(action.get(), tenant.get(), service.get(), env.get(), eventId.get(),
                text.get(), regex.get(), malformedOnly.get()).compile();
        error.set(c.error() == null ? "" : c.error());
        compiled.set(c);
    }

    /** Shows what the compiled filter ran into since it was made (a regular expression that ran too long). */
    void showProblemOf(EventFilter.Compiled c) {
        String problem = c.problem();
        if (c == compiled.get() && problem != null && !problem.equals(error.get())) {
            error.set(problem);
        }
    }

    /** Shows that applying the filter failed (it stays until the filter changes). */
    void showFailure(String message) {
        error.set(message);
    }

    /** Empties every criterion. */
    public void reset() {
        action.set("");
        tenant.set("");
        service.set("");
        env.set("");
        eventId.set("");
        text.set("");
        regex.set("");
        malformedOnly.set(false);
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty tenantProperty() {
        return tenant;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public StringProperty envProperty() {
        return env;
    }

    public StringProperty eventIdProperty() {
        return eventId;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty regexProperty() {
        return regex;
    }

    public BooleanProperty malformedOnlyProperty() {
        return malformedOnly;
    }

    public ReadOnlyObjectProperty<EventFilter.Compiled> compiledProperty() {
        return compiled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
