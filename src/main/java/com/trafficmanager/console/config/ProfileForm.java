package com.trafficmanager.console.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A profile as the operator types it in the profile editor: every value a string, as in the text
 * fields, so that a half-typed form can be represented and checked. {@link ProfileValidator} turns it
 * into the JSON object of the settings file and runs the loader's own checks on it, so the editor
 * and the file can never disagree on what is valid.
 *
 * <p>The Kafka maps are one {@code name=value} per line. Secrets are references only: the name of an
 * environment variable ({@code ...Env}) or the path of a file ({@code ...File}); a form has no field
 * for a secret value.
 */
public record ProfileForm(String name, boolean external, String jdbcUrl, String jdbcUser, String jdbcPasswordEnv,
                          String jdbcPasswordFile, String kafkaBootstrap, String kafkaProperties, String kafkaSecretEnv,
                          String kafkaSecretFile, String redisUri, String redisUser, String redisPasswordEnv,
                          String redisPasswordFile, String topic, String consumerGroup, String protectedEnvs,
                          boolean readOnly, String user) {

    /** A new external profile with the defaults filled in. */
    public static ProfileForm blank() {
        return new ProfileForm("", true, "jdbc:postgresql://localhost:5432/routes", "", "", "", "localhost:9092", "",
                "", "", "redis://localhost:6379", "", "", "", Profile.DEFAULT_TOPIC, Profile.DEFAULT_CONSUMER_GROUP,
                String.join(", ", Profile.DEFAULT_PROTECTED_ENVS), false, "");
    }

    /** The form of a saved profile, as the editor opens it. */
    public static ProfileForm of(Profile profile, Path settingsDir) {
        ObjectNode o = ProfileJson.toJson(profile, settingsDir);
        JsonNode jdbc = o.path("jdbc");
        JsonNode kafka = o.path("kafka");
        JsonNode redis = o.path("redis");
        return new ProfileForm(profile.name(), !profile.isSandbox(), text(jdbc, "url"), text(jdbc, "user"),
                text(jdbc, "passwordEnv"), text(jdbc, "passwordFile"), text(kafka, "bootstrap"),
                lines(kafka.path("properties")), lines(kafka.path("secretEnv")), lines(kafka.path("secretFile")),
                text(redis, "uri"), text(redis, "user"), text(redis, "passwordEnv"), text(redis, "passwordFile"),
                profile.topic(), profile.consumerGroup(), String.join(", ", profile.protectedEnvs()), profile.readOnly(),
                profile.user().orElse(""));
    }

    /** The JSON object of the settings file; line-format problems of the Kafka maps go to {@code problems}. */
    ObjectNode toJson(Problems problems) {
        ObjectNode o = SettingsLoader.JSON.createObjectNode();
        o.put("name", name.strip());
        o.put("type", external ? "external" : "sandbox");
        if (external) {
            ObjectNode jdbc = o.putObject("jdbc");
            jdbc.put("url", jdbcUrl.strip());
            jdbc.put("user", jdbcUser.strip());
            putIfSet(jdbc, "passwordEnv", jdbcPasswordEnv);
            putIfSet(jdbc, "passwordFile", jdbcPasswordFile);
            ObjectNode kafka = o.putObject("kafka");
            kafka.put("bootstrap", kafkaBootstrap.strip());
            putMap(kafka, "properties", kafkaProperties, problems);
            putMap(kafka, "secretEnv", kafkaSecretEnv, problems);
            putMap(kafka, "secretFile", kafkaSecretFile, problems);
            ObjectNode redis = o.putObject("redis");
            redis.put("uri", redisUri.strip());
            putIfSet(redis, "user", redisUser);
            putIfSet(redis, "passwordEnv", redisPasswordEnv);
            putIfSet(redis, "passwordFile", redisPasswordFile);
        }
        putIfSet(o, "topic", topic);
        putIfSet(o, "consumerGroup", consumerGroup);
        var envs = o.putArray("protectedEnvs");
        for (String env : protectedEnvs.split(",")) {
            if (!env.isBlank()) {
                envs.add(env.strip());
            }
        }
        o.put("readOnly", readOnly);
        putIfSet(o, "user", user);
        return o;
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null && !value.isBlank()) {
            o.put(key, value.strip());
        }
    }

    /**
     * {@code name=value} lines into an object. Hazard: a line without '=' may be a pasted secret, so
     * the problem names its line number, never its text.
     */
    private static void putMap(ObjectNode kafka, String key, String text, Problems problems) {
        if (text == null || text.isBlank()) {
            return;
        }
        ObjectNode map = kafka.putObject(key);
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String full = "kafka." + key;
            if (eq <= 0) {
                String rule = "line " + (i + 1) + " must be name=value";
                problems.add(full, rule, full + " " + rule);
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (map.has(name)) {
                String rule = "line " + (i + 1) + " sets " + name + " again";
                problems.add(full, rule, full + " " + rule);
                continue;
            }
            map.put(name, line.substring(eq + 1).strip());
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null ? "" : value.asText();
    }

    private static String lines(JsonNode map) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            lines.add(e.getKey() + "=" + e.getValue().asText());
        }
        return String.join("\n", lines);
    }
}
