package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.connect.HealthMonitor;
import com.trafficmanager.console.connect.KafkaProbe;
import com.trafficmanager.console.connect.PostgresProbe;
import com.trafficmanager.console.connect.RedisClients;
import com.trafficmanager.console.connect.RedisProbe;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The connections of one console session (pool, Kafka admin, Redis client) and the health monitor
 * that watches them. Opening never waits for a server: clients connect lazily and the monitor
 * reports who answers, so an unreachable server shows in the status bar instead of hanging the UI.
 */
public final class ConsoleSession implements AutoCloseable {
    private final ConnectionTarget target;
    private final HikariDataSource dataSource;
    private final Admin admin;
    private final JedisPooled redis;
    private final HealthMonitor health;

    private ConsoleSession(ConnectionTarget target, HikariDataSource dataSource, Admin admin, JedisPooled redis) {
        this.target = target;
        this.dataSource = dataSource;
        this.admin = admin;
        this.redis = redis;
        this.health = new HealthMonitor(List.of(new PostgresProbe(dataSource), new KafkaProbe(admin, target.kafkaBootstrap(), target.topic()),
                new RedisProbe(redis)), Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    public static ConsoleSession open(ConnectionTarget target) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("console");
        pool.setJdbcUrl(target.jdbcUrl());
        pool.setUsername(target.jdbcUser());
        pool.setPassword(target.jdbcPassword());
        pool.setMaximumPoolSize(8);
        pool.setConnectionTimeout(3_000);
        // Do not fail (or wait) when PostgreSQL is down at start: the status bar shows it instead.
        pool.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(pool);
        Map<String, Object> adminProps = new HashMap<>(target.kafkaProperties());
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap());
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "traffic-console-admin");
        Admin admin = Admin.create(adminProps);
        return new ConsoleSession(target, dataSource, admin, RedisClients.create(target));
    }

    public ConnectionTarget target() {
        return target;
    }

    public HealthMonitor health() {
        return health;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public JedisPooled redis() {
        return redis;
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        health.close();
        admin.close(Duration.ofSeconds(3));
        redis.close();
        dataSource.close();
    }
}
