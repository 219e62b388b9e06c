package com.trafficmanager.console.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * JSON for {@link RouteChangedEvent}: the seed's field names and order, {@code occurred_at} as RFC 3339
 * UTC with milliseconds, {@code revision} last and only when known.
 *
 * <p>Reading is tolerant where the schema promises it (unknown fields are ignored, any 1.x version is
 * read) and strict elsewhere: a missing required field or a major version other than 1 is a
 * {@link MalformedEventException}, never a half-filled event. Thread-safe.
 */
public final class EventCodec {
    private static final DateTimeFormatter OCCURRED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private EventCodec() {
    }

    public static byte[] encode(RouteChangedEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event_id", e.eventId().toString());
            g.writeStringField("event_type", RouteChangedEvent.EVENT_TYPE);
            g.writeStringField("event_version", e.eventVersion());
            g.writeStringField("action", e.action().wireName());
            g.writeStringField("tenant", e.tenant());
            g.writeStringField("service", e.service());
            g.writeStringField("env", e.env());
            g.writeStringField("version", e.version());
            g.writeStringField("url", e.url());
            g.writeStringField("occurred_at", formatTime(e.occurredAt()));
            g.writeObjectFieldStart("metadata");
            g.writeStringField("user_id", e.userId());
            g.writeStringField("request_id", e.requestId());
            g.writeEndObject();
            if (e.revision() != null) {
                g.writeNumberField("revision", e.revision());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // cannot happen writing to memory
        }
        return out.toByteArray();
    }

    public static RouteChangedEvent decode(byte[] json) throws MalformedEventException {
        return toEvent(fields(json), false);
    }

    /**
     * A route event as a reader that keeps a cache true needs it (the invalidation consumer): an action
     * this console does not know, from a later 1.x writer, still says that route changed and its cached
     * value may be stale. It is read as an {@link Action#UPDATED} of the route, so the key is invalidated,
     * and its own name is kept for display. Everything else is as strict as {@link #decode}.
     */
    public static CacheEvent decodeForCache(byte[] json) throws MalformedEventException {
        EventFields f = fields(json);
        RouteChangedEvent event = toEvent(f, true);
        String actionName = (String) f.action; // checked a string by toEvent
        return new CacheEvent(event, actionName, event.action().wireName().equals(actionName));
    }

    /** See {@link #decodeForCache}: {@code knownAction} false when {@code event.action()} stands in for {@code actionName}. */
    public record CacheEvent(RouteChangedEvent event, String actionName, boolean knownAction) {
    }

    private static EventFields fields(byte[] json) throws MalformedEventException {
        EventFields f;
        try (JsonParser p = MAPPER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                f = null;
            } else {
                f = EventFields.read(p);
                if (p.nextToken() != null) {
                    // {event}garbage or two objects: not one event, whatever the first object says
                    throw new MalformedEventException("not one JSON value: more follows the event object");
                }
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON: " + e.getMessage(), e);
        }
        if (f == null) {
            throw new MalformedEventException("not a JSON object");
        }
        return f;
    }

    private static RouteChangedEvent toEvent(EventFields f, boolean anyAction) throws MalformedEventException {
        String type = text(f.eventType, "event_type");
        if (!RouteChangedEvent.EVENT_TYPE.equals(type)) {
            throw new MalformedEventException("event_type must be '" + RouteChangedEvent.EVENT_TYPE + "', got '"
                    + type + "'");
        }
        String eventVersion = text(f.eventVersion, "event_version");
        if (!eventVersion.startsWith("1.") && !eventVersion.equals("1")) {
            throw new MalformedEventException("unknown major event_version '" + eventVersion + "' (this reader knows 1.x)");
        }
        String actionName = text(f.action, "action");
        Action action = Action.fromWire(actionName).orElse(anyAction ? Action.UPDATED : null);
        if (action == null) {
            throw new MalformedEventException("unknown action '" + actionName + "'");
        }
        if (!f.metadataObject) {
            throw new MalformedEventException("metadata is missing or not an object");
        }
        if (f.revision instanceof EventFields.Other other) {
            throw new MalformedEventException("revision must be an integer, got " + other.value);
        }
        return new RouteChangedEvent(uuid(f.eventId, "event_id"), eventVersion, action, text(f.tenant, "tenant"),
                text(f.service, "service"), text(f.env, "env"), text(f.version, "version"), text(f.url, "url"),
                time(f.occurredAt, "occurred_at"), text(f.userId, "user_id"), text(f.requestId, "request_id"),
                (Long) f.revision);
    }

    public static String formatTime(Instant instant) {
        return OCCURRED_AT.format(instant);
    }

    private static String text(Object value, String field) throws MalformedEventException {
        if (value == null) {
            throw new MalformedEventException(field + " is missing");
        }
        if (value instanceof EventFields.Other other) {
            throw new MalformedEventException(field + " must be a string, got " + other.value);
        }
        return (String) value;
    }

    private static UUID uuid(Object raw, String field) throws MalformedEventException {
        String value = text(raw, field);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(field + " must be a UUID, got '" + value + "'");
        }
    }

    private static Instant time(Object raw, String field) throws MalformedEventException {
        String value = text(raw, field);
        Instant fast = Rfc3339.parseUtcMillis(value);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedEventException(field + " must be an RFC 3339 timestamp, got '" + value + "'");
        }
    }
}
