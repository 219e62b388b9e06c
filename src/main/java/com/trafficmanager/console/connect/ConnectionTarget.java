package com.trafficmanager.console.connect;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to connect to one Traffic Manager installation (or the sandbox), with secrets
 * already resolved. Built once per session from the chosen profile; {@link #toString()} never shows a
 * secret, so the record may be logged.
 */
public record ConnectionTarget(String profileName, boolean sandbox, String jdbcUrl, String jdbcUser,
                               String jdbcPassword, String kafkaBootstrap, Map<String, String> kafkaProperties,
                               String redisUri, String redisUser, String redisPassword, String topic,
                               String consumerGroup, Set<String> protectedEnvs, boolean readOnly,
                               String operator) {

    public ConnectionTarget {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        Objects.requireNonNull(redisUri, "redisUri");
        kafkaProperties = Map.copyOf(kafkaProperties);
        protectedEnvs = Set.copyOf(protectedEnvs);
    }

    @Override
    public String toString() {
        return "ConnectionTarget[profile=" + profileName + ", sandbox=" + sandbox + ", jdbcUrl=" + jdbcUrl
                + ", jdbcUser=" + jdbcUser + ", kafkaBootstrap=" + kafkaBootstrap + ", kafkaProperties="
                + kafkaProperties.keySet() + ", redisUri=" + redisUri + ", topic=" + topic + ", consumerGroup="
                + consumerGroup + ", readOnly=" + readOnly + ", operator=" + operator + "]";
    }
}
