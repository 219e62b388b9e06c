package com.trafficmanager.console.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka part of an external profile.
 *
 * @param bootstrap  {@code host:port[,host:port...]}
 * @param properties extra client properties (TLS, SASL, timeouts), none of them secret; never the
 *                   ones the console sets itself ({@code group.id}, serializers, {@code acks}...)
 * @param secrets    client properties whose values live in an environment variable or a file,
 *                   such as {@code sasl.jaas.config} or {@code ssl.keystore.password}
 */
public record KafkaConnection(String bootstrap, Map<String, String> properties, Map<String, SecretRef> secrets) {
    public KafkaConnection {
        Objects.requireNonNull(bootstrap, "bootstrap");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        for (String name : secrets.keySet()) {
            if (properties.containsKey(name)) {
                throw new IllegalArgumentException(name + " is both a property and a secret");
            }
        }
    }

    /**
     * The extra properties with the secrets read, in the order of the file, secrets last. Does not
     * include {@code bootstrap.servers}: the caller adds it along with its own settings.
     *
     * @throws SettingsException naming every secret that cannot be read
     */
    public Map<String, String> clientProperties(Map<String, String> env) throws SettingsException {
        Map<SecretRef, String> values = SecretRef.resolveAll(secrets.values(), env);
        Map<String, String> all = new LinkedHashMap<>(properties);
        secrets.forEach((name, ref) -> all.put(name, values.get(ref)));
        return Collections.unmodifiableMap(all);
    }

    /** Hides the values of {@code sasl.jaas.config} and secret-like names, in case one slipped past validation. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(properties);
        shown.replaceAll((name, value) -> KafkaProperties.mayHoldSecret(name) ? "(hidden)" : value);
        return "KafkaConnection[bootstrap=" + bootstrap + ", properties=" + shown + ", secrets=" + secrets + "]";
    }

    /** Whether a Kafka client property holds a secret (passwords, JAAS lines): its value is never shown. */
    public static boolean isSecretProperty(String name) {
        return KafkaProperties.mayHoldSecret(name);
    }
}
