package com.trafficmanager.console.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The fields of one event object, read in a single streaming pass (no tree): the tail and the
 * invalidation consumer decode every record of the topic, so this is their hot path.
 *
 * <p>A field holds its string, or, when the record carries something else there, the value as a tree,
 * only so that the refusal can show it. Unknown fields are skipped; a repeated field keeps its last
 * value, as a tree reader would.
 */
final class EventFields {
    /** Marks a field that is present but not a string (or, for metadata, not an object). */
    static final class Other {
        final JsonNode value;

        Other(JsonNode value) {
            this.value = value;
        }
    }

    Object eventId;
    Object eventType;
    Object eventVersion;
    Object action;
    Object tenant;
    Object service;
    Object env;
    Object version;
    Object url;
    Object occurredAt;
    boolean metadataObject;
    Object userId;
    Object requestId;
    /** Null when absent or JSON null; a Long, or an {@link Other} that cannot be read as one. */
    Object revision;

    /** Reads the object the parser stands on (its START_OBJECT already consumed). */
    static EventFields read(JsonParser p) throws IOException {
        EventFields f = new EventFields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "event_id" -> f.eventId = value(p, t);
                case "event_type" -> f.eventType = value(p, t);
                case "event_version" -> f.eventVersion = value(p, t);
                case "action" -> f.action = value(p, t);
                case "tenant" -> f.tenant = value(p, t);
                case "service" -> f.service = value(p, t);
                case "env" -> f.env = value(p, t);
                case "version" -> f.version = value(p, t);
                case "url" -> f.url = value(p, t);
                case "occurred_at" -> f.occurredAt = value(p, t);
                case "metadata" -> f.readMetadata(p, t);
                case "revision" -> f.revision = revision(p, t);
                default -> p.skipChildren();
            }
        }
        return f;
    }

    private void readMetadata(JsonParser p, JsonToken t) throws IOException {
        metadataObject = t == JsonToken.START_OBJECT;
        userId = null;
        requestId = null;
        if (!metadataObject) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "user_id" -> userId = value(p, v);
                case "request_id" -> requestId = value(p, v);
                default -> p.skipChildren();
            }
        }
    }

    /** A string, null for JSON null, or the value as a tree for the refusal's message. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return new Other(p.readValueAsTree());
    }

    private static Object revision(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue();
        }
        JsonNode node = p.readValueAsTree(); // a fraction, a huge number or not a number: the tree's rules
        return node.canConvertToLong() ? (Object) node.asLong() : new Other(node);
    }
}
