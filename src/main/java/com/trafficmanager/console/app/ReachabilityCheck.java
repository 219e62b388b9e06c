package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.connect.HealthMonitor;
import com.trafficmanager.console.connect.KafkaProbe;
import com.trafficmanager.console.connect.PostgresProbe;
import com.trafficmanager.console.connect.RedisClients;
import com.trafficmanager.console.connect.RedisProbe;
import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.JedisPooled;

/**
 * Short-lived clients that check whether each server of a profile answers, before the session opens
 * its pools (which would wait out their own, longer timeouts on the first server that is down).
 */
final class ReachabilityCheck implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final JedisPooled redis;
    private final HealthMonitor monitor;

    ReachabilityCheck(ConnectionTarget target) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(target.jdbcUrl());
        postgres.setUser(target.jdbcUser());
        postgres.setPassword(target.jdbcPassword());
        postgres.setConnectTimeout(4);
        postgres.setLoginTimeout(4);
        Map<String, Object> adminProps = KafkaClients.adminProperties(target.kafkaBootstrap(), target.kafkaProperties());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_500);
        this.admin = Admin.create(adminProps);
        this.redis = RedisClients.create(target);
        this.monitor = new HealthMonitor(List.of(new PostgresProbe(postgres),
                new KafkaProbe(admin, target.kafkaBootstrap(), target.topic()), new RedisProbe(redis)),
                TIMEOUT, TIMEOUT, Clock.systemUTC());
    }

    HealthMonitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
        monitor.close();
        admin.close(Duration.ofSeconds(1));
        redis.close();
    }
}
