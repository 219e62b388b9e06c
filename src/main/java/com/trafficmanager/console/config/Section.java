package com.trafficmanager.console.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of the settings file being validated, with the path of its keys, so that every
 * problem names the profile and the full key ({@code profile 'prod-eu': kafka.bootstrap ...}).
 * A value of the wrong type is reported here and read as absent, so that checking goes on.
 *
 * <p>Hazard: problems quote the values they refuse; the readers check a secret-bearing key for a
 * secret before they check its shape, and never quote a value that may hold one.
 */
final class Section {
    private static final int QUOTE_LIMIT = 80;

    private final JsonNode node;
    private final String scope;
    private final String path;
    private final Problems problems;

    /**
     * @param scope who the keys belong to, such as {@code profile 'prod-eu'}; empty at the top level
     * @param path  the key path of this object, such as {@code kafka}; empty for a whole profile
     */
    Section(JsonNode node, String scope, String path, Problems problems) {
        this.node = node;
        this.scope = scope;
        this.path = path;
        this.problems = problems;
    }

    String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Reports {@code <scope>: <key> <rule>}. */
    void error(String name, String rule) {
        report(key(name), key(name) + " " + rule, rule);
    }

    /** Reports a problem of this scope that is not about one key of this object. */
    void report(String text) {
        report("", text, text);
    }

    /**
     * Reports a problem about {@code key} (a full key path such as {@code jdbc.passwordEnv}).
     *
     * @param text the sentence, starting with the key; {@code rule} the same without the key
     */
    void report(String key, String text, String rule) {
        problems.add(key, rule, scope.isEmpty() ? text : scope + ": " + text);
    }

    boolean has(String name) {
        return node.has(name);
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    Optional<String> string(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            error(name, "must be a string, got " + show(value));
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }

    Optional<String> requiredString(String name) {
        if (!node.has(name)) {
            error(name, "is required");
            return Optional.empty();
        }
        return string(name);
    }

    Optional<Boolean> bool(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            error(name, "must be true or false, got " + show(value));
            return Optional.empty();
        }
        return Optional.of(value.booleanValue());
    }

    Optional<List<String>> strings(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    break;
                }
                items.add(item.textValue());
            }
        }
        if (!value.isArray() || items.size() != value.size()) {
            error(name, "must be an array of strings, got " + show(value));
            return Optional.empty();
        }
        return Optional.of(items);
    }

    /** The nested object, or empty when absent (or not an object, which is reported). */
    Optional<Section> section(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            error(name, "must be an object, got " + show(value));
            return Optional.empty();
        }
        return Optional.of(new Section(value, scope, key(name), problems));
    }

    Optional<Section> requiredSection(String name) {
        if (!node.has(name)) {
            error(name, "is required");
            return Optional.empty();
        }
        return section(name);
    }

    /** Reports every key not in {@code known}, in file order. Never quotes the value. */
    void rejectUnknownKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                report("unknown key " + quote(key(name)));
            }
        }
    }

    /**
     * A value of the wrong type, for its error: numbers, booleans, null and empty containers as JSON text
     * ({@code 42}, {@code []}); text and filled containers only by kind ("a string"), since a value in the
     * wrong place may be a secret (a URI with its password written where the redis object belongs).
     */
    static String show(JsonNode value) {
        if (value.isTextual() || (value.isContainerNode() && value.size() > 0)) {
            return kind(value);
        }
        return shorten(value.toString());
    }

    /** What kind of value this is, for values that must not be quoted. */
    static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isTextual() ? "a string" : "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** A string in single quotes with control characters escaped, so that a message stays one line. */
    static String quote(String text) {
        return "'" + shorten(new String(JsonStringEncoder.getInstance().quoteAsString(text))) + "'";
    }

    private static String shorten(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "...";
    }
}
