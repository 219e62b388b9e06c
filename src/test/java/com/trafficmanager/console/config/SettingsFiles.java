package com.trafficmanager.console.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A valid settings file, and edits of its {@code prod-eu} profile that make it invalid. */
final class SettingsFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sandbox with defaults and a fully specified external profile. Secrets: env and file. */
    static final String VALID = """
            {
              "lastProfile": "prod-eu",
              "profiles": [
                {"name": "sandbox", "type": "sandbox"},
                {
                  "name": "prod-eu",
                  "type": "external",
                  "jdbc": {"url": "jdbc:postgresql://db.eu:5432/routes", "user": "console", "passwordEnv": "PG_PASSWORD"},
                  "kafka": {
                    "bootstrap": "b1:9092,b2:9092",
                    "properties": {"security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "request.timeout.ms": 30000},
                    "secretEnv": {"sasl.jaas.config": "KAFKA_JAAS"}
                  },
                  "redis": {"uri": "rediss://cache.eu:6380", "user": "console", "passwordFile": "secrets/redis.pass"},
                  "topic": "route-events-eu",
                  "consumerGroup": "eu-invalidator",
                  "protectedEnvs": ["prod", "staging"],
                  "readOnly": true,
                  "user": "alice"
                }
              ]
            }
            """;

    private SettingsFiles() {
    }

    /** {@link #VALID} after the edits of its {@code prod-eu} profile, as JSON text. */
    @SafeVarargs
    static String prodEu(Consumer<ObjectNode>... edits) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(VALID);
            ObjectNode profile = (ObjectNode) root.get("profiles").get(1);
            for (Consumer<ObjectNode> edit : edits) {
                edit.accept(profile);
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the value at a JSON pointer ({@code /kafka/bootstrap}) to a JSON literal. */
    static Consumer<ObjectNode> set(String pointer, String jsonValue) {
        return profile -> {
            JsonPointer path = JsonPointer.compile(pointer);
            ObjectNode parent = (ObjectNode) profile.at(path.head());
            parent.set(path.last().getMatchingProperty(), parse(jsonValue));
        };
    }

    static Consumer<ObjectNode> setText(String pointer, String text) {
        return set(pointer, JSON.valueToTree(text).toString());
    }

    static Consumer<ObjectNode> remove(String pointer) {
        return profile -> {
            JsonPointer path = JsonPointer.compile(pointer);
            ((ObjectNode) profile.at(path.head())).remove(path.last().getMatchingProperty());
        };
    }

    static String withProfiles(String... profiles) {
        return "{\"profiles\": [" + String.join(", ", profiles) + "]}";
    }

    static Path write(Path dir, String json) {
        try {
            Path file = dir.resolve("settings.json");
            Files.writeString(file, json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
