package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.connect.HealthMonitor;
import com.trafficmanager.console.connect.KafkaProbe;
import com.trafficmanager.console.connect.PostgresProbe;
import com.trafficmanager.console.connect.RedisClients;
import com.trafficmanager.console.connect.RedisProbe;
import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.outbox.OutboxRelayConfig;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.stream.LiveStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * Everything one console session holds open: the database (migrated), the route service, the outbox
 * relay, the Kafka admin client, the Redis client and the health monitor that watches the servers.
 *
 * <p>A read-only console writes nothing,
 * so it neither migrates the schema nor runs the relay; a writing console on the same database does.
 */
public final class ConsoleSession implements AutoCloseable {
    private final ConnectionTarget target;
    private final Database database;
    private final OutboxRelay relay;
    private final RouteService routes;
    private final OperatorContext operator;
    private final Admin admin;
    private final JedisPooled redis;
    private final HealthMonitor health;
    private LiveStream liveStream;

    private ConsoleSession(ConnectionTarget target, Database database, OutboxRelay relay, Admin admin, JedisPooled redis) {
        this.target = target;
        this.database = database;
        this.relay = relay;
        this.routes = new RouteService(database.dataSource(), relay == null ? () -> { } : relay::wake);
        this.operator = new OperatorContext(target.operator(), OperatorContext.localHostName(), target.readOnly());
        this.admin = admin;
        this.redis = redis;
        this.health = new HealthMonitor(List.of(new PostgresProbe(database.dataSource()),
                new KafkaProbe(admin, target.kafkaBootstrap(), target.topic()), new RedisProbe(redis)),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    /**
     * Opens the session. PostgreSQL must answer (the schema is migrated first); Kafka and Redis are
     * connected lazily and their state shows in the status bar.
     */
    public static ConsoleSession open(ConnectionTarget target) {
        Database database = target.readOnly()
                ? Database.openWithoutMigration(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword())
                : Database.open(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
        OutboxRelay relay = null;
        Admin admin = null;
        try {
            if (!target.readOnly()) {
                relay = new OutboxRelay(database, OutboxRelayConfig.defaults(target.kafkaBootstrap(), target.topic())
                        .withProducerOverrides(new HashMap<>(target.kafkaProperties())));
                relay.start();
            }
            Map<String, Object> adminProps = KafkaClients.adminProperties(target.kafkaBootstrap(), target.kafkaProperties());
            adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
            adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            admin = Admin.create(adminProps);
            return new ConsoleSession(target, database, relay, admin, RedisClients.create(target));
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
            if (relay != null) {
                relay.close();
            }
            database.close();
            throw e;
        }
    }

    public ConnectionTarget target() {
        return target;
    }

    public HealthMonitor health() {
        return health;
    }

    public Database database() {
        return database;
    }

    public RouteService routes() {
        return routes;
    }

    /** The relay of this console; empty on a read-only profile. */
    public java.util.Optional<OutboxRelay> relay() {
        return java.util.Optional.ofNullable(relay);
    }

    public OperatorContext operator() {
        return operator;
    }

    public JedisPooled redis() {
        return redis;
    }

    public Admin admin() {
        return admin;
    }

    /** The live tail of the topic for the Live events tab; made on first use, started by the tab. */
    public synchronized LiveStream liveStream() {
        if (liveStream == null) {
            liveStream = LiveStream.create(target.kafkaBootstrap(), target.kafkaProperties(), target.topic(), admin,
                    target.consumerGroup());
        }
        return liveStream;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (liveStream != null) {
                liveStream.close();
            }
        }
        health.close();
        if (relay != null) {
            relay.close();
        }
        admin.close(Duration.ofSeconds(3));
        redis.close();
        database.close();
    }
}
