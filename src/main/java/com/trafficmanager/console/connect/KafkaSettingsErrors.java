package com.trafficmanager.console.connect;

import com.trafficmanager.console.config.KafkaConnection;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.text.FailureText;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;

/**
 * Turns Kafka's complaints about a profile's client properties (TLS, SASL, timeouts) into a message
 * that names the setting of the settings file. Kafka itself says {@code Invalid value FOO for
 * configuration security.protocol}, or fails to build a client with a login or keystore error deep in
 * the cause chain; the operator needs {@code kafka.properties.security.protocol}.
 *
 * <p>{@link #check} parses the properties with the producer's, consumer's and admin's own
 * configuration definitions without connecting, so a bad value is refused before any client starts
 * (the relay builds its producer lazily, on its own thread, where an error would only be logged).
 *
 * <p>Hazard: the properties include resolved secrets (JAAS lines, key passwords); every message is
 * scrubbed of their values before it leaves this class.
 */
public final class KafkaSettingsErrors {
    private static final Pattern FOR_CONFIG = Pattern.compile("configuration \"?([a-z0-9.\\-]+)\"?");
    private static final String BOOTSTRAP = "bootstrap.servers";

    private KafkaSettingsErrors() {
    }

    /**
     * Parses the properties as the console's producer, consumer and admin client will.
     *
     * @throws ClientSettingsException naming the first property Kafka refuses
     */
    public static void check(String profile, String bootstrap, Map<String, String> properties) {
        try {
            new ProducerConfig(KafkaClients.producerProperties(bootstrap, properties));
            new ConsumerConfig(KafkaClients.consumerProperties(bootstrap, "check", properties));
            new AdminClientConfig(KafkaClients.adminProperties(bootstrap, properties));
        } catch (KafkaException | IllegalArgumentException e) {
            throw describe(profile, properties, e);
        }
    }

    /** The exception naming the setting behind {@code error} (thrown by a client's constructor or by {@link #check}). */
    public static ClientSettingsException describe(String profile, Map<String, String> properties, Throwable error) {
        Throwable specific = mostSpecific(error);
        String reason = scrub(message(specific), properties);
        String property = propertyNamed(specific).or(() -> propertyNamed(error)).orElseGet(() -> guess(reason, properties));
        return new ClientSettingsException(profile, setting(property, properties), reason, null);
    }

    /** The setting as the settings file spells it. */
    static String setting(String property, Map<String, String> properties) {
        if (property == null) {
            return "kafka.properties";
        }
        if (property.equals(BOOTSTRAP)) {
            return "kafka.bootstrap";
        }
        if (KafkaConnection.isSecretProperty(property)) {
            return "kafka." + property + " (from kafka.secretEnv or kafka.secretFile)";
        }
        return "kafka.properties." + property;
    }

    private static Optional<String> propertyNamed(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConfigException && c.getMessage() != null) {
                Matcher m = FOR_CONFIG.matcher(c.getMessage());
                if (m.find()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Errors of client construction that name no property: the property whose value the reason quotes (a
     * keystore's path; the longest such value, secrets never), else the usual suspects by their words.
     */
    private static String guess(String reason, Map<String, String> properties) {
        String quoted = null;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String v = e.getValue();
            if (v != null && v.length() >= 4 && !KafkaConnection.isSecretProperty(e.getKey()) && reason.contains(v)
                    && (quoted == null || v.length() > properties.get(quoted).length())) {
                quoted = e.getKey();
            }
        }
        if (quoted != null) {
            return quoted;
        }
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        String[][] hints = {
            {"jaas", "sasl.jaas.config"}, {"login module", "sasl.jaas.config"}, {"loginmodule", "sasl.jaas.config"},
            {"sasl mechanism", "sasl.mechanism"}, {"truststore", "ssl.truststore.location"},
            {"keystore", "ssl.keystore.location"}, {"security protocol", "security.protocol"},
        };
        for (String[] hint : hints) {
            if (lower.contains(hint[0])) {
                return hint[1];
            }
        }
        return properties.containsKey("security.protocol") ? "security.protocol" : null;
    }

    /** The innermost cause with a message: Kafka wraps the real reason in "Failed to construct ...". */
    private static Throwable mostSpecific(Throwable t) {
        Throwable best = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().startsWith("Failed to c")) {
                best = c;
            }
        }
        return best;
    }

    private static String message(Throwable t) {
        return FailureText.of(t).strip(); // a file error's message is often only the path: it says what went wrong
    }

    /** Replaces every secret value (and its JAAS password option) with "(hidden)". */
    static String scrub(String text, Map<String, String> properties) {
        String out = text;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (KafkaConnection.isSecretProperty(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
                out = out.replace(e.getValue(), "(hidden)");
            }
        }
        return out.replaceAll("(?i)(password|secret)\\s*=\\s*\"[^\"]*\"", "$1=(hidden)");
    }
}
