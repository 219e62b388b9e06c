package com.trafficmanager.console.config;

import java.util.Objects;

/** The three servers of an external profile: all are needed, the console uses each of them. */
public record ExternalConnection(JdbcConnection jdbc, KafkaConnection kafka, RedisConnection redis) {
    public ExternalConnection {
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(redis, "redis");
    }
}
