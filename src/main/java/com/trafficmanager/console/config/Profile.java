package com.trafficmanager.console.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named set of servers the console works against: the embedded sandbox, or an external cluster.
 * Built only from a validated settings file (or {@link #sandbox()}) and immutable from then on.
 *
 * @param name          lowercase letters, digits, '-' and '_', 1-40 characters
 * @param kind          sandbox or external
 * @param connection    present exactly when the kind is external
 * @param topic         the route events topic
 * @param consumerGroup the group of the cache-invalidation consumer
 * @param protectedEnvs route envs whose changes need an explicit confirmation
 * @param readOnly      when true the console changes nothing (routes, offsets)
 * @param user          the operator recorded as actor; empty means the OS user ({@link #operator()})
 */
public record Profile(String name, Kind kind, Optional<ExternalConnection> connection, String topic,
                      String consumerGroup, List<String> protectedEnvs, boolean readOnly, Optional<String> user) {

    public enum Kind { SANDBOX, EXTERNAL }

    public static final String SANDBOX_NAME = "sandbox";
    public static final String DEFAULT_TOPIC = "route-events";
    public static final String DEFAULT_CONSUMER_GROUP = "route-cache-invalidator";
    public static final List<String> DEFAULT_PROTECTED_ENVS = List.of("prod");

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(user, "user");
        protectedEnvs = List.copyOf(protectedEnvs);
        if ((kind == Kind.EXTERNAL) != connection.isPresent()) {
            throw new IllegalArgumentException("profile '" + name + "': a connection is needed by, and only by, an external profile");
        }
    }

    /** The embedded servers with every default: what the console uses when no file says otherwise. */
    public static Profile sandbox() {
        return new Profile(SANDBOX_NAME, Kind.SANDBOX, Optional.empty(), DEFAULT_TOPIC, DEFAULT_CONSUMER_GROUP,
                DEFAULT_PROTECTED_ENVS, false, Optional.empty());
    }

    public boolean isSandbox() {
        return kind == Kind.SANDBOX;
    }

    /** The actor written to the route history and the events: {@link #user} or else the OS user. */
    public String operator() {
        return user.orElseGet(() -> System.getProperty("user.name", "unknown"));
    }

    public boolean isProtected(String env) {
        return protectedEnvs.contains(env);
    }

    /**
     * The extra Kafka client properties with the secrets read (empty for the sandbox). Does not
     * include {@code bootstrap.servers}.
     *
     * @throws SettingsException naming every secret that cannot be read
     */
    public Map<String, String> kafkaClientProperties(Map<String, String> env) throws SettingsException {
        return connection.isPresent() ? connection.get().kafka().clientProperties(env) : Map.of();
    }

    /** Every secret of this profile, to check them all before connecting. */
    public List<SecretRef> secrets() {
        List<SecretRef> all = new ArrayList<>();
        connection.ifPresent(c -> {
            c.jdbc().password().ifPresent(all::add);
            all.addAll(c.kafka().secrets().values());
            c.redis().password().ifPresent(all::add);
        });
        return List.copyOf(all);
    }

    /**
     * Reads every secret once without keeping them, so that the console can refuse a profile
     * with one clear list of what is missing before it connects to anything.
     *
     * @throws SettingsException naming every secret that cannot be read
     */
    public void checkSecrets(Map<String, String> env) throws SettingsException {
        SecretRef.resolveAll(secrets(), env);
    }
}
