package com.trafficmanager.console.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.trafficmanager.console.kafka.ProducerTimeouts;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks the {@code jdbc}, {@code kafka} and {@code redis} sections of an external profile.
 *
 * <p>Hazard: these sections are where secrets get pasted by mistake. Every secret-bearing key is
 * checked for a secret first and then refused without quoting its value; only a value known to be
 * free of one is quoted in a message.
 */
final class ConnectionReader {
    private static final Set<String> JDBC_KEYS = Set.of("url", "user", "password", "passwordEnv", "passwordFile");
    private static final Set<String> KAFKA_KEYS = Set.of("bootstrap", "properties", "secretEnv", "secretFile");
    private static final Set<String> REDIS_KEYS = Set.of("uri", "user", "password", "passwordEnv", "passwordFile");

    private final String profile;
    private final Problems problems;
    private final Path settingsDir;
    private final Path home;

    ConnectionReader(String profile, Problems problems, Path settingsDir, Path home) {
        this.profile = profile;
        this.problems = problems;
        this.settingsDir = settingsDir;
        this.home = home;
    }

    /** The connection, or empty when a section is missing or has a problem (which is reported). */
    Optional<ExternalConnection> read(Section profileSection) {
        Optional<JdbcConnection> jdbc = profileSection.requiredSection("jdbc").flatMap(this::jdbc);
        Optional<KafkaConnection> kafka = profileSection.requiredSection("kafka").flatMap(this::kafka);
        Optional<RedisConnection> redis = profileSection.requiredSection("redis").flatMap(this::redis);
        if (jdbc.isEmpty() || kafka.isEmpty() || redis.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExternalConnection(jdbc.get(), kafka.get(), redis.get()));
    }

    private Optional<JdbcConnection> jdbc(Section s) {
        int before = problems.size();
        if (s.has("password")) {
            s.error("password", "must not be in the settings file; use jdbc.passwordEnv or jdbc.passwordFile");
        }
        Optional<String> url = s.requiredString("url");
        if (url.isPresent()) {
            if (Rules.jdbcUrlHasPassword(url.get())) {
                s.error("url", "must not contain a password; use jdbc.passwordEnv or jdbc.passwordFile");
            } else if (!Rules.isJdbcUrl(url.get())) {
                s.error("url", "must be " + Rules.JDBC_URL_RULE + ", got " + Section.quote(url.get()));
            }
        }
        Optional<String> user = s.requiredString("user");
        if (user.isPresent() && user.get().isBlank()) {
            s.error("user", "must not be blank");
        }
        Optional<SecretRef> password = secret(s, "password");
        s.rejectUnknownKeys(JDBC_KEYS);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new JdbcConnection(url.orElseThrow(), user.orElseThrow(), password));
    }

    private Optional<KafkaConnection> kafka(Section s) {
        int before = problems.size();
        Optional<String> bootstrap = s.requiredString("bootstrap");
        if (bootstrap.isPresent() && !Rules.isBootstrap(bootstrap.get())) {
            s.error("bootstrap", "must be " + Rules.BOOTSTRAP_RULE + ", got " + Section.quote(bootstrap.get()));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        Optional<Section> propertiesSection = s.section("properties");
        propertiesSection.ifPresent(p -> properties(p, properties));
        Map<String, SecretRef> secrets = new LinkedHashMap<>();
        s.section("secretEnv").ifPresent(e -> secrets(e, SecretRef.Source.ENV, propertiesSection, secrets));
        s.section("secretFile").ifPresent(f -> secrets(f, SecretRef.Source.FILE, propertiesSection, secrets));
        s.rejectUnknownKeys(KAFKA_KEYS);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new KafkaConnection(bootstrap.orElseThrow(), properties, secrets));
    }

    private void properties(Section p, Map<String, String> into) {
        for (String name : p.names()) {
            JsonNode value = p.get(name);
            if (KafkaProperties.isSecretName(name)) {
                p.error(name, "must not be in the settings file; use kafka.secretEnv or kafka.secretFile");
                continue;
            }
            if (!allowedProperty(p, name)) {
                continue;
            }
            if (!value.isValueNode() || value.isNull()) {
                String got = KafkaProperties.mayHoldSecret(name) ? Section.kind(value) : Section.show(value);
                p.error(name, "must be a string, number or boolean, got " + got);
                continue;
            }
            String text = value.asText();
            if (KafkaProperties.valueHoldsSecret(name, text)) {
                p.error(name, "must not contain a password; use kafka.secretEnv or kafka.secretFile");
                continue;
            }
            Optional<String> refused = KafkaProperties.mayHoldSecret(name) ? Optional.empty()
                    : KafkaProperties.valueProblem(name, text);
            if (refused.isPresent()) {
                // not a secret (those are never checked here): the value may be quoted back
                p.error(name, refused.get() + ", got " + (value.isTextual() ? Section.quote(text) : Section.show(value)));
                continue;
            }
            into.put(name, text);
        }
        // one property per profile at a time: the others may be fine once it is mended
        ProducerTimeouts.problem(into).ifPresent(problem -> p.error(problem.getKey(), problem.getValue()));
    }

    private void secrets(Section s, SecretRef.Source source, Optional<Section> properties,
                         Map<String, SecretRef> into) {
        for (String name : s.names()) {
            if (!allowedProperty(s, name)) {
                continue;
            }
            if (properties.isPresent() && properties.get().has(name)) {
                s.error(name, "is also set in kafka.properties; set it in one place");
                continue;
            }
            if (into.containsKey(name)) {
                s.error(name, "is also set in kafka.secretEnv; set it in one place");
                continue;
            }
            JsonNode value = s.get(name);
            if (!value.isTextual()) {
                s.error(name, "must be a string, got " + Section.kind(value));
                continue;
            }
            String key = "kafka." + name;
            ref(s, name, source, value.textValue(), key).ifPresent(ref -> into.put(name, ref));
        }
    }

    private static boolean allowedProperty(Section s, String name) {
        Optional<String> owner = KafkaProperties.ownedBy(name);
        if (owner.isPresent()) {
            s.error(name, "may not be set here: " + owner.get());
            return false;
        }
        if (!KafkaProperties.isKnown(name)) {
            s.error(name, "is not a Kafka client property");
            return false;
        }
        return true;
    }

    private Optional<RedisConnection> redis(Section s) {
        int before = problems.size();
        if (s.has("password")) {
            s.error("password", "must not be in the settings file; use redis.passwordEnv or redis.passwordFile");
        }
        Optional<String> uri = s.requiredString("uri");
        if (uri.isPresent()) {
            if (Rules.redisUriHasUserInfo(uri.get())) {
                s.error("uri", "must not contain a user or password; use redis.user and redis.passwordEnv or redis.passwordFile");
            } else if (uri.get().contains("?")) {
                // not quoted back: what follows '?' may be a password (redis://host:6379?password=...)
                s.error("uri", "must not have a query ('?...'): a password there would be shown and logged; use"
                        + " redis.user and redis.passwordEnv or redis.passwordFile");
            } else if (Rules.parseRedisUri(uri.get()) == null) {
                s.error("uri", "must be " + Rules.REDIS_URI_RULE + ", got " + Section.quote(uri.get()));
            }
        }
        Optional<String> user = s.string("user");
        if (user.isPresent() && !Rules.USER.matcher(user.get()).matches()) {
            s.error("user", "must be " + Rules.USER_RULE + ", got " + Section.quote(user.get()));
        }
        Optional<SecretRef> password = secret(s, "password");
        if (user.isPresent() && !s.has("passwordEnv") && !s.has("passwordFile")) {
            s.error("user", "needs redis.passwordEnv or redis.passwordFile");
        }
        s.rejectUnknownKeys(REDIS_KEYS);
        if (problems.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new RedisConnection(uri.orElseThrow(), user, password));
    }

    /** {@code <what>Env} or {@code <what>File}: at most one of them. */
    private Optional<SecretRef> secret(Section s, String what) {
        String envKey = what + "Env";
        String fileKey = what + "File";
        if (s.has(envKey) && s.has(fileKey)) {
            String rule = "and " + s.key(fileKey) + " are exclusive; use one";
            s.report(s.key(envKey), s.key(envKey) + " " + rule, rule);
            return Optional.empty();
        }
        String name = s.has(envKey) ? envKey : fileKey;
        JsonNode value = s.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            s.error(name, "must be a string, got " + Section.kind(value));
            return Optional.empty();
        }
        SecretRef.Source source = name.equals(envKey) ? SecretRef.Source.ENV : SecretRef.Source.FILE;
        return ref(s, name, source, value.textValue(), s.key(what));
    }

    /** Never quotes the value: an operator may have put the secret itself where its name belongs. */
    private Optional<SecretRef> ref(Section s, String name, SecretRef.Source source, String value, String key) {
        if (source == SecretRef.Source.ENV) {
            if (!Rules.ENV_VAR.matcher(value).matches()) {
                s.error(name, "must be " + Rules.ENV_VAR_RULE);
                return Optional.empty();
            }
            return Optional.of(SecretRef.env(profile, key, value));
        }
        if (value.isBlank()) {
            s.error(name, "must not be blank");
            return Optional.empty();
        }
        try {
            return Optional.of(SecretRef.file(profile, key, SecretPaths.resolve(value, settingsDir, home), settingsDir));
        } catch (InvalidPathException e) {
            s.error(name, "must be a file path");
            return Optional.empty();
        }
    }
}
