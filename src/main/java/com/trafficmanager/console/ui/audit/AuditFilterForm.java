package com.trafficmanager.console.ui.audit;

import com.trafficmanager.console.audit.AuditFilter;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.route.FieldError;
import com.trafficmanager.console.route.RouteValidator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Audit log's filter as the operator types it, checked as it changes, with a message per field:
 * tenant, service and env by the route-name rules, from and to as times. UI thread only.
 */
final class AuditFilterForm {
    private final Clock clock;
    private final ZoneId zone;
    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty tenant = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty env = new SimpleStringProperty("");
    private final ObjectProperty<Action> action = new SimpleObjectProperty<>();
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty to = new SimpleStringProperty("");
    private final SimpleStringProperty tenantError = new SimpleStringProperty("");
    private final SimpleStringProperty serviceError = new SimpleStringProperty("");
    private final SimpleStringProperty envError = new SimpleStringProperty("");
    private final SimpleStringProperty fromError = new SimpleStringProperty("");
    private final SimpleStringProperty toError = new SimpleStringProperty("");

    AuditFilterForm(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        for (StringProperty field : List.of(tenant, service, env, from, to)) {
            field.addListener((o, a, b) -> filter());
        }
    }

    /**
     * The filter as typed, or empty when a field is invalid (its message is set). Tenant, service and env
     * follow the route-name rules: the log holds only valid names, so a value they refuse (say 'Payments',
     * upper case) could only ever answer "No entry matches the filter"; it is named under its field instead.
     */
    Optional<AuditFilter> filter() {
        Optional<String> t = name("tenant", tenant.get(), tenantError);
        Optional<String> s = name("service", service.get(), serviceError);
        Optional<String> e = name("env", env.get(), envError);
        Instant now = clock.instant();
        Optional<Instant> start = time(from.get(), now, fromError);
        Optional<Instant> end = time(to.get(), now, toError);
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            toError.set("must be after 'from'");
        }
        if (!invalidFields().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(AuditFilter.ALL.withActor(actor.get()).withTenant(t.orElse(null))
                .withService(s.orElse(null)).withEnv(e.orElse(null)).withAction(action.get())
                .withRange(start.orElse(null), end.orElse(null)));
    }

    /** A tenant, service or env as typed: empty (after trimming) is no filter; anything else must be a valid name. */
    private static Optional<String> name(String field, String text, SimpleStringProperty error) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            error.set("");
            return Optional.empty();
        }
        error.set(RouteValidator.checkName(field, value).map(FieldError::message).orElse(""));
        return Optional.of(value);
    }

    /** The fields the operator must fix before a search, in their order on screen; empty when none. */
    private List<String> invalidFields() {
        List<String> fields = new ArrayList<>();
        if (!tenantError.get().isEmpty()) {
            fields.add("tenant");
        }
        if (!serviceError.get().isEmpty()) {
            fields.add("service");
        }
        if (!envError.get().isEmpty()) {
            fields.add("env");
        }
        if (!fromError.get().isEmpty() || !toError.get().isEmpty()) {
            fields.add("the time range");
        }
        return fields;
    }

    /** The invalid fields as a phrase: "tenant", "tenant and env", "service, env and the time range". */
    String toFix() {
        List<String> fields = invalidFields();
        if (fields.size() < 2) {
            return String.join("", fields);
        }
        return String.join(", ", fields.subList(0, fields.size() - 1)) + " and " + fields.get(fields.size() - 1);
    }

    private Optional<Instant> time(String text, Instant now, SimpleStringProperty error) {
        try {
            Optional<Instant> t = TimeInput.parse(text, now, zone);
            error.set("");
            return t;
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return Optional.empty();
        }
    }

    void clear() {
        actor.set("");
        tenant.set("");
        service.set("");
        env.set("");
        action.set(null);
        from.set("");
        to.set("");
    }

    StringProperty actorProperty() {
        return actor;
    }

    StringProperty tenantProperty() {
        return tenant;
    }

    StringProperty serviceProperty() {
        return service;
    }

    StringProperty envProperty() {
        return env;
    }

    ObjectProperty<Action> actionProperty() {
        return action;
    }

    StringProperty fromProperty() {
        return from;
    }

    StringProperty toProperty() {
        return to;
    }

    ReadOnlyStringProperty tenantErrorProperty() {
        return tenantError;
    }

    ReadOnlyStringProperty serviceErrorProperty() {
        return serviceError;
    }

    ReadOnlyStringProperty envErrorProperty() {
        return envError;
    }

    ReadOnlyStringProperty fromErrorProperty() {
        return fromError;
    }

    ReadOnlyStringProperty toErrorProperty() {
        return toError;
    }
}
