package com.trafficmanager.console.ui.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.route.FieldError;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteValidator;
import java.io.IOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.WeakChangeListener;

/**
 * The "Create route" form: five fields, an inline message per field from {@link RouteValidator} (the
 * rules the service enforces, word for word), whether Create may be pressed, and a preview of the exact
 * event the commit will publish and the partition its key goes to.
 *
 * <p>A field's message shows once the operator has typed in it (an untouched empty form is not a wall
 * of red), but Create stays disabled until every field is valid. The preview's event_id, request_id and
 * occurred_at are placeholders: the service assigns the real ones at commit. JavaFX thread only.
 */
public final class CreateRouteModel {
    public static final List<String> FIELDS = List.of("tenant", "service", "env", "version", "url");
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canCreate = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper partition = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper("");
    private final String operator;
    private final ObservableIntegerValue partitions;
    /** Held here: the tab's partition count holds it only weakly, so a closed form can go. */
    private final ChangeListener<Number> partitionsKnown = (obs, was, now) -> revalidate();
    private final Clock clock;
    private final UUID previewEventId = UUID.fromString("00000000-0000-7000-8000-000000000000");
    private final UUID previewRequestId = UUID.fromString("00000000-0000-7000-8000-000000000001");

    /**
     * @param operator   the actor the event will name
     * @param partitions the topic's partition count, 0 while not known yet (the preview follows it: a form
     *                   opened during a Kafka outage shows the partition once Kafka answers)
     */
    public CreateRouteModel(String operator, ObservableIntegerValue partitions, Clock clock) {
        this.operator = operator;
        this.partitions = partitions;
        this.clock = clock;
        for (String field : FIELDS) {
            StringProperty value = new SimpleStringProperty(this, field, "");
            value.addListener((obs, o, n) -> {
                touched.add(field);
                failure.set("");
                revalidate();
            });
            values.put(field, value);
            errors.put(field, new ReadOnlyStringWrapper(this, field + "Error", ""));
        }
        submitting.addListener((obs, o, n) -> canCreate.set(valid.get() && !n));
        valid.addListener((obs, o, n) -> canCreate.set(n && !submitting.get()));
        partitions.addListener(new WeakChangeListener<>(partitionsKnown));
        revalidate();
    }

    /** The text of a field: {@code tenant}, {@code service}, {@code env}, {@code version} or {@code url}. */
    public StringProperty field(String name) {
        StringProperty p = values.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return p;
    }

    /** The inline message of a field; empty when valid or not typed in yet. */
    public ReadOnlyStringProperty errorProperty(String name) {
        return errors.get(name).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** Valid and not already being created: what enables the Create button. */
    public ReadOnlyBooleanProperty canCreateProperty() {
        return canCreate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    /** The event JSON as it will be published, pretty-printed; a hint while the form is invalid. */
    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** "key team-a:payments:prod:v2 -> partition 3 of 6". */
    public ReadOnlyStringProperty partitionProperty() {
        return partition.getReadOnlyProperty();
    }

    /** Why the last Create was refused by the service (e.g. the route exists); empty otherwise. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public RouteKey key() {
        return new RouteKey(value("tenant"), value("service"), value("env"), value("version"));
    }

    public String url() {
        return value("url");
    }

    void setSubmitting(boolean value) {
        submitting.set(value);
    }

    void failed(String message) {
        failure.set(message);
    }

    /** Shows the service's own field errors (should the rules ever differ) next to the fields. */
    void showFieldErrors(Map<String, String> byField) {
        byField.forEach((field, message) -> {
            ReadOnlyStringWrapper e = errors.get(field);
            if (e != null) {
                touched.add(field);
                e.set(message);
            }
        });
    }

    private String value(String field) {
        String v = values.get(field).get();
        return v == null ? "" : v;
    }

    private void revalidate() {
        List<FieldError> found = RouteValidator.validateNewRoute(value("tenant"), value("service"), value("env"),
                value("version"), value("url"));
        Map<String, String> byField = RouteValidator.messagesByField(found);
        for (String field : FIELDS) {
            errors.get(field).set(touched.contains(field) ? byField.getOrDefault(field, "") : "");
        }
        valid.set(found.isEmpty());
        updatePreview(byField);
    }

    private void updatePreview(Map<String, String> byField) {
        boolean keyValid = FIELDS.stream().filter(f -> !f.equals("url")).noneMatch(byField::containsKey);
        if (keyValid) {
            String eventKey = EventKeys.of(value("tenant"), value("service"), value("env"), value("version"));
            int count = partitions.get();
            partition.set(count > 0
                    ? "key " + eventKey + " -> partition " + EventKeys.partitionFor(eventKey, count) + " of " + count
                    : "key " + eventKey + " -> partition unknown (topic not reachable yet)");
        } else {
            partition.set("the key's partition shows once tenant, service, env and version are valid");
        }
        if (!byField.isEmpty()) {
            preview.set("The event shows here once every field is valid.");
            return;
        }
        RouteChangedEvent event = RouteChangedEvent.of(previewEventId, Action.CREATED, value("tenant"),
                value("service"), value("env"), value("version"), value("url"),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), operator,
                previewRequestId.toString(), 1L);
        try {
            Object tree = PRETTY.readTree(EventCodec.encode(event));
            preview.set(PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        } catch (IOException e) {
            preview.set(new String(EventCodec.encode(event), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
