package com.trafficmanager.console.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks one entry of {@code profiles}: its name and type, the settings every profile has,
 * and for an external profile its connection. Defaults are applied here and nowhere else.
 */
final class ProfileReader {
    private static final List<String> CONNECTION_KEYS = List.of("jdbc", "kafka", "redis");
    private static final Set<String> KEYS = Set.of("name", "type", "topic", "consumerGroup", "protectedEnvs",
            "readOnly", "user", "jdbc", "kafka", "redis");

    private final Problems problems;
    private final Path settingsDir;
    private final Path home;

    ProfileReader(Problems problems, Path settingsDir, Path home) {
        this.problems = problems;
        this.settingsDir = settingsDir;
        this.home = home;
    }

    /** The profile's name as written, if it is a string: what duplicate detection compares. */
    static Optional<String> nameOf(JsonNode entry) {
        JsonNode name = entry.get("name");
        return name != null && name.isTextual() ? Optional.of(name.textValue()) : Optional.empty();
    }

    /** The profile, or empty when it has a problem (which is reported). */
    Optional<Profile> read(JsonNode entry, int index) {
        if (!entry.isObject()) {
            problems.add("profiles[" + index + "] must be an object, got " + Section.show(entry));
            return Optional.empty();
        }
        int before = problems.size();
        Optional<String> name = nameOf(entry);
        String scope = name.map(n -> "profile " + Section.quote(n)).orElse("profiles[" + index + "]");
        Section s = new Section(entry, scope, "", problems);
        s.requiredString("name").ifPresent(n -> {
            if (!Rules.PROFILE_NAME.matcher(n).matches()) {
                s.error("name", "must be " + Rules.PROFILE_NAME_RULE + ", got " + Section.quote(n));
            }
        });
        Optional<Profile.Kind> kind = kind(s);
        if (name.filter(Profile.SANDBOX_NAME::equals).isPresent() && kind.filter(k -> k != Profile.Kind.SANDBOX).isPresent()) {
            s.error("type", "must be \"sandbox\" for the profile named 'sandbox'");
        }

        String topic = s.string("topic").orElse(Profile.DEFAULT_TOPIC);
        if (!Rules.isTopic(topic)) {
            s.error("topic", "must be " + Rules.TOPIC_RULE + ", got " + Section.quote(topic));
        }
        String group = s.string("consumerGroup").orElse(Profile.DEFAULT_CONSUMER_GROUP);
        if (!Rules.CONSUMER_GROUP.matcher(group).matches()) {
            s.error("consumerGroup", "must be " + Rules.CONSUMER_GROUP_RULE + ", got " + Section.quote(group));
        }
        List<String> protectedEnvs = s.strings("protectedEnvs").orElse(Profile.DEFAULT_PROTECTED_ENVS);
        checkProtectedEnvs(s, protectedEnvs);
        boolean readOnly = s.bool("readOnly").orElse(false);
        Optional<String> user = s.string("user");
        if (user.isPresent() && !Rules.USER.matcher(user.get()).matches()) {
            s.error("user", "must be " + Rules.USER_RULE + ", got " + Section.quote(user.get()));
        }

        Optional<ExternalConnection> connection = Optional.empty();
        if (kind.isPresent() && kind.get() == Profile.Kind.SANDBOX) {
            for (String key : CONNECTION_KEYS) {
                if (s.has(key)) {
                    s.error(key, "is not allowed for type \"sandbox\"");
                }
            }
        } else if (kind.isPresent()) {
            connection = new ConnectionReader(name.orElse(""), problems, settingsDir, home).read(s);
        }
        s.rejectUnknownKeys(KEYS);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new Profile(name.orElseThrow(), kind.orElseThrow(), connection, topic, group,
                protectedEnvs, readOnly, user));
    }

    private static Optional<Profile.Kind> kind(Section s) {
        if (!s.has("type")) {
            s.error("type", "is required: \"sandbox\" or \"external\"");
            return Optional.empty();
        }
        Optional<String> type = s.string("type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "sandbox":
                return Optional.of(Profile.Kind.SANDBOX);
            case "external":
                return Optional.of(Profile.Kind.EXTERNAL);
            default:
                s.error("type", "must be \"sandbox\" or \"external\", got " + Section.quote(type.get()));
                return Optional.empty();
        }
    }

    private static void checkProtectedEnvs(Section s, List<String> envs) {
        for (int i = 0; i < envs.size(); i++) {
            String env = envs.get(i);
            if (!Rules.DNS_LABEL.matcher(env).matches()) {
                s.error("protectedEnvs", "must be " + Rules.DNS_LABEL_RULE + ", got " + Section.quote(env));
            } else if (envs.subList(0, i).contains(env)) {
                s.error("protectedEnvs", "lists " + Section.quote(env) + " twice");
            }
        }
    }
}
