package com.trafficmanager.console.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** What a raw record value is as text: JSON, plain UTF-8 text, or binary (shown as hex). */
final class ValueText {
    static final ObjectMapper JSON = new ObjectMapper();

    private ValueText() {
    }

    /** The value as a JSON tree, or null when it is not exactly one JSON value. */
    static JsonNode json(byte[] value) {
        if (value == null || value.length == 0) {
            return null;
        }
        try (com.fasterxml.jackson.core.JsonParser p = JSON.createParser(value)) {
            JsonNode tree = JSON.readTree(p);
            return p.nextToken() == null ? tree : null; // more after the first value: not JSON, shown as it is
        } catch (Exception e) {
            return null;
        }
    }

    /** The value as text when it is valid UTF-8 without control characters (other than whitespace), else null. */
    static String text(byte[] value) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (Character.isISOControl(ch) && ch != '\n' && ch != '\r' && ch != '\t') {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A hex dump, 16 bytes a line, at most {@code max} bytes. */
    static String hex(byte[] value, int max) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(value.length, max);
        for (int i = 0; i < n; i += 16) {
            sb.append(String.format("%06x ", i));
            for (int j = i; j < Math.min(i + 16, n); j++) {
                sb.append(String.format(" %02x", value[j] & 0xff));
            }
            sb.append('\n');
        }
        if (value.length > max) {
            sb.append("... ").append(value.length - max).append(" more bytes\n");
        }
        return sb.toString();
    }
}
