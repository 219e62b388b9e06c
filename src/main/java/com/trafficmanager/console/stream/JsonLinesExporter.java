package com.trafficmanager.console.stream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.header.Header;

/**
 * Writes events to a JSON Lines file, one object a line: partition, offset, timestamp, key, headers,
 * and the value as JSON when it is JSON ({@code value}), else as text ({@code value_text}) or
 * base64 ({@code value_base64}), plus {@code malformed} with the reason for a malformed record.
 *
 * <p>Writes to a temporary file beside the target and moves it into place at the end, so a failed
 * or cancelled export never leaves half a file under the chosen name.
 */
public final class JsonLinesExporter {
    /** Progress: events written so far of the total. */
    public interface Progress {
        void update(long done, long total);
    }

    private JsonLinesExporter() {
    }

    /**
     * @return how many events were written
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turned true
     */
    public static long export(List<TailEvent> events, Path target, Progress progress, BooleanSupplier cancelled)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        long total = events.size();
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 JsonGenerator g = ValueText.JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                long done = 0;
                for (TailEvent e : events) {
                    write(g, e);
                    g.flush();
                    out.write('\n');
                    done++;
                    if (done % 1000 == 0 || done == total) {
                        if (cancelled.getAsBoolean()) {
                            throw new java.util.concurrent.CancellationException("export cancelled");
                        }
                        progress.update(done, total);
                    }
                }
                if (total == 0) {
                    progress.update(0, 0);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return total;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void write(JsonGenerator g, TailEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("partition", e.partition());
        g.writeNumberField("offset", e.offset());
        g.writeStringField("timestamp", Instant.ofEpochMilli(e.timestamp()).toString());
        g.writeStringField("key", e.key());
        g.writeObjectFieldStart("headers");
        for (Header h : e.headers()) {
            String text = h.value() == null ? null : ValueText.text(h.value());
            g.writeStringField(h.key(), text != null ? text
                    : h.value() == null ? null : Base64.getEncoder().encodeToString(h.value()));
        }
        g.writeEndObject();
        byte[] raw = e.rawValue();
        JsonNode json = raw == null ? null : ValueText.json(raw);
        if (raw == null) {
            g.writeNullField("value");
        } else if (json != null) {
            g.writeFieldName("value");
            g.writeTree(json);
        } else {
            String text = ValueText.text(raw);
            if (text != null) {
                g.writeStringField("value_text", text);
            } else {
                g.writeStringField("value_base64", Base64.getEncoder().encodeToString(raw));
            }
        }
        if (e.malformed()) {
            g.writeStringField("malformed", e.problem());
        }
        g.writeEndObject();
    }
}
