package com.trafficmanager.console.route;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The before/after JSON a history entry keeps of a route: what an auditor needs, in a fixed order. */
final class RouteSnapshots {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteSnapshots() {
    }

    static String toJson(Route r) {
        if (r == null) {
            return null;
        }
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("url", r.url());
            g.writeStringField("state", r.state().dbName());
            g.writeNumberField("row_version", r.rowVersion());
            g.writeStringField("updated_by", r.updatedBy());
            g.writeStringField("updated_at", r.updatedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
