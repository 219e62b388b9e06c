package com.trafficmanager.console.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The outbox relay's producer timeouts, under a profile's own properties, in one place for the relay
 * and for the check of a profile's settings. The Kafka producer refuses to start when
 * {@code delivery.timeout.ms} is below {@code linger.ms + request.timeout.ms}, a rule a plain
 * configuration check does not apply: a profile that raised {@code request.timeout.ms} to Kafka's own
 * default (30 s) would pass every check while the relay never published. So a delivery timeout the
 * profile does not set grows to cover the other two, and one it sets too low is refused by name.
 */
public final class ProducerTimeouts {
    static final long LINGER_MS = 1;
    static final long REQUEST_TIMEOUT_MS = 10_000;
    static final long DELIVERY_TIMEOUT_MS = 30_000;
    static final long MAX_BLOCK_MS = 10_000;

    private ProducerTimeouts() {
    }

    /** The relay's timeouts with {@code profile}'s properties over them (the profile's are not repeated). */
    public static Map<String, Object> relayDefaults(Map<String, ?> profile) {
        long linger = number(profile, ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        long request = number(profile, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(ProducerConfig.LINGER_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, linger));
        defaults.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, request));
        defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, Math.max(DELIVERY_TIMEOUT_MS, linger + request)));
        defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return defaults;
    }

    /**
     * Why {@code profile}'s producer properties cannot work together, as the property to name and its
     * rule; empty when they can. A value that is not a number is another check's to name, and skipped.
     */
    public static Optional<Map.Entry<String, String>> problem(Map<String, ?> profile) {
        String delivery = ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG;
        if (profile.containsKey(delivery)) {
            long linger = number(profile, ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
            long request = number(profile, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
            long set = number(profile, delivery, Long.MAX_VALUE);
            if (set < linger + request) {
                return Optional.of(Map.entry(delivery, "must be at least linger.ms + request.timeout.ms ("
                        + (linger + request) + " ms here), got " + set));
            }
        }
        if (number(profile, ProducerConfig.RETRIES_CONFIG, 1) < 1) {
            return Optional.of(Map.entry(ProducerConfig.RETRIES_CONFIG,
                    "must be at least 1: the console's producers are idempotent"));
        }
        if (number(profile, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5) > 5) {
            return Optional.of(Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                    "must be at most 5: the console's producers are idempotent"));
        }
        return Optional.empty();
    }

    private static long number(Map<String, ?> profile, String name, long otherwise) {
        Object value = profile.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
