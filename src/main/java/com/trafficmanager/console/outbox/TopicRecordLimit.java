package com.trafficmanager.console.outbox;

import com.trafficmanager.console.kafka.KafkaClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest record batch the topic takes ({@code max.message.bytes}), so the relay's producer never
 * builds a larger one.
 *
 * <p>Why: a producer batch larger than the topic takes is refused as a whole; the producer then splits
 * it into batches of its own {@code batch.size}, which the topic refuses again, until the delivery
 * timeout expires every record in it. One event too large for the topic would so hold back every other
 * key of its partition. With {@code max.request.size} and {@code batch.size} at most the topic's
 * limit, the event that is too large fails alone at once and the others go on.
 */
final class TopicRecordLimit {
    private static final Logger LOG = LoggerFactory.getLogger(TopicRecordLimit.class);
    private static final long TIMEOUT_MS = 5_000;

    private TopicRecordLimit() {
    }

    /** The topic's {@code max.message.bytes}, or empty when it could not be read (the producer keeps its defaults). */
    static OptionalInt of(String bootstrapServers, String topic, Map<String, Object> clientOverrides) {
        Map<String, Object> adminOverrides = new HashMap<>();
        clientOverrides.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                adminOverrides.put(k, v); // security settings and the like; producer-only keys would be warned about
            }
        });
        adminOverrides.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        adminOverrides.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MS);
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(KafkaClients.adminProperties(bootstrapServers, adminOverrides))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? OptionalInt.empty()
                    : OptionalInt.of(Integer.parseInt(entry.value()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("could not read max.message.bytes of topic {} ({}); the producer keeps its limits", topic,
                    e.toString());
            return OptionalInt.empty();
        }
    }
}
