package com.trafficmanager.console.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * A validated profile as the JSON object the settings file holds: the inverse of {@link ProfileReader}.
 * Defaults are left out (as an operator would write the file), secrets stay references (the variable
 * name or the file path, never a value: the model holds no value to write), and a secret file inside
 * the settings directory is written relative to it, as the loader resolves it.
 */
final class ProfileJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ProfileJson() {
    }

    static ObjectNode toJson(Profile p, Path settingsDir) {
        ObjectNode o = NODES.objectNode();
        o.put("name", p.name());
        o.put("type", p.isSandbox() ? "sandbox" : "external");
        p.connection().ifPresent(c -> {
            ObjectNode jdbc = o.putObject("jdbc");
            jdbc.put("url", c.jdbc().url());
            jdbc.put("user", c.jdbc().user());
            c.jdbc().password().ifPresent(ref -> putRef(jdbc, "password", ref, settingsDir));
            ObjectNode kafka = o.putObject("kafka");
            kafka.put("bootstrap", c.kafka().bootstrap());
            if (!c.kafka().properties().isEmpty()) {
                ObjectNode props = kafka.putObject("properties");
                c.kafka().properties().forEach(props::put);
            }
            putSecrets(kafka, "secretEnv", SecretRef.Source.ENV, c.kafka().secrets(), settingsDir);
            putSecrets(kafka, "secretFile", SecretRef.Source.FILE, c.kafka().secrets(), settingsDir);
            ObjectNode redis = o.putObject("redis");
            redis.put("uri", c.redis().uri());
            c.redis().user().ifPresent(u -> redis.put("user", u));
            c.redis().password().ifPresent(ref -> putRef(redis, "password", ref, settingsDir));
        });
        if (!p.topic().equals(Profile.DEFAULT_TOPIC)) {
            o.put("topic", p.topic());
        }
        if (!p.consumerGroup().equals(Profile.DEFAULT_CONSUMER_GROUP)) {
            o.put("consumerGroup", p.consumerGroup());
        }
        if (!p.protectedEnvs().equals(Profile.DEFAULT_PROTECTED_ENVS)) {
            p.protectedEnvs().forEach(o.putArray("protectedEnvs")::add);
        }
        if (p.readOnly()) {
            o.put("readOnly", true);
        }
        p.user().ifPresent(u -> o.put("user", u));
        return o;
    }

    private static void putRef(ObjectNode section, String what, SecretRef ref, Path settingsDir) {
        if (ref.source() == SecretRef.Source.ENV) {
            section.put(what + "Env", ref.location());
        } else {
            section.put(what + "File", filePath(ref, settingsDir));
        }
    }

    private static void putSecrets(ObjectNode kafka, String key, SecretRef.Source source, Map<String, SecretRef> secrets,
                                   Path settingsDir) {
        ObjectNode out = null;
        for (Map.Entry<String, SecretRef> e : secrets.entrySet()) {
            if (e.getValue().source() == source) {
                if (out == null) {
                    out = kafka.putObject(key);
                }
                out.put(e.getKey(), source == SecretRef.Source.ENV ? e.getValue().location()
                        : filePath(e.getValue(), settingsDir));
            }
        }
    }

    /** Relative to the settings directory when the file is inside it; absolute otherwise. */
    static String filePath(SecretRef ref, Path settingsDir) {
        Path file = Path.of(ref.location());
        Path dir = settingsDir.toAbsolutePath().normalize();
        return file.startsWith(dir) && !file.equals(dir) ? dir.relativize(file).toString() : file.toString();
    }
}
