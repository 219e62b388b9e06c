package com.trafficmanager.console.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * What the settings file may say about Kafka client properties. The names are checked against the
 * clients' own configuration definitions, so a typo such as {@code security.protocl} is an error
 * at load time instead of a warning in the log and a plaintext connection attempt.
 *
 * <p>Hazard: the console's delivery guarantees rest on the properties it sets itself (idempotent
 * producer with {@code acks=all}, manual commits, its serializers, its consumer group); a profile
 * may not override them.
 */
final class KafkaProperties {
    /** The producer's, the consumer's and the admin client's definitions: a property reaches each that knows it. */
    private static final List<ConfigDef> DEFS = List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(),
            AdminClientConfig.configDef());

    private static final Set<String> KNOWN = known();

    private static final Map<String, String> OWNED = Map.ofEntries(
            Map.entry("bootstrap.servers", "use kafka.bootstrap"),
            Map.entry("group.id", "use consumerGroup"),
            Map.entry("key.serializer", "the console sets it"),
            Map.entry("value.serializer", "the console sets it"),
            Map.entry("key.deserializer", "the console sets it"),
            Map.entry("value.deserializer", "the console sets it"),
            Map.entry("enable.auto.commit", "the console commits after processing"),
            Map.entry("enable.idempotence", "the console's producer is idempotent"),
            Map.entry("acks", "the console's producer uses acks=all"),
            // each would pass Kafka's own checks and then break a guarantee the console gives
            Map.entry("transactional.id", "the console's producers are not transactional (every send would fail)"),
            Map.entry("partitioner.class", "a route's events must stay in its key's partition, in order"),
            Map.entry("partitioner.ignore.keys", "a route's events must stay in its key's partition, in order"),
            Map.entry("auto.offset.reset", "the invalidation consumer starts a new group from the log start"),
            Map.entry("group.instance.id", "two consoles on one profile would fence each other out of the group"));

    private static final String JAAS = "sasl.jaas.config";
    private static final Pattern JAAS_SECRET = Pattern.compile("(?i)(password|secret)\\s*=");

    private KafkaProperties() {
    }

    static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    /** Why the profile may not set this property, if it may not. */
    static Optional<String> ownedBy(String name) {
        return Optional.ofNullable(OWNED.get(name));
    }

    /**
     * Properties that are secrets: every one the Kafka clients themselves type as a password (among
     * them {@code ssl.keystore.key} and {@code sasl.oauthbearer.assertion.private.key.passphrase}, whose
     * names say nothing of it), and any other whose name speaks of a password or a secret.
     */
    static boolean isSecretName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PASSWORD_TYPED.contains(name) || lower.contains("password") || lower.contains("secret");
    }

    private static final Set<String> PASSWORD_TYPED = passwordTyped();

    private static Set<String> passwordTyped() {
        Set<String> names = new HashSet<>();
        for (ConfigDef def : DEFS) {
            def.configKeys().forEach((key, config) -> {
                if (config.type == ConfigDef.Type.PASSWORD) {
                    names.add(key);
                }
            });
        }
        names.remove(JAAS); // typed a password too, but a JAAS line may be inline when it holds none (valueHoldsSecret)
        return Set.copyOf(names);
    }

    /** A JAAS line with a {@code password=} or {@code clientSecret=} option. */
    static boolean valueHoldsSecret(String name, String value) {
        return name.equals(JAAS) && JAAS_SECRET.matcher(value).find();
    }

    /**
     * Why a client that takes {@code name} would refuse {@code value} (its type, or the values it allows), as
     * a rule to show after the property's name; empty when every client takes it. Checked when the settings
     * are read, so a bad value is named there, not at the first connect.
     */
    static Optional<String> valueProblem(String name, String value) {
        for (ConfigDef def : DEFS) {
            ConfigDef.ConfigKey key = def.configKeys().get(name);
            if (key == null) {
                continue;
            }
            Object parsed;
            try {
                parsed = ConfigDef.parseType(name, value, key.type);
            } catch (ConfigException e) {
                return Optional.of("must be " + typeRule(key.type));
            }
            if (key.validator != null) {
                try {
                    key.validator.ensureValid(name, parsed);
                } catch (ConfigException e) {
                    return Optional.of("is refused by the Kafka clients: " + reason(e, name));
                }
            }
        }
        return Optional.empty();
    }

    private static String typeRule(ConfigDef.Type type) {
        return switch (type) {
            case INT, SHORT, LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            default -> "a valid " + type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The validator's reason without Kafka's "Invalid value ... for configuration ...: " prefix. */
    private static String reason(ConfigException e, String name) {
        String message = String.valueOf(e.getMessage());
        String prefix = "for configuration " + name + ": ";
        int at = message.indexOf(prefix);
        return at >= 0 ? message.substring(at + prefix.length()) : message;
    }

    /** Values never shown, even when they passed validation. */
    static boolean mayHoldSecret(String name) {
        return isSecretName(name) || name.equals(JAAS);
    }

    private static Set<String> known() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
