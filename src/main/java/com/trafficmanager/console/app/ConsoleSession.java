package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.connect.HealthMonitor;
import com.trafficmanager.console.connect.KafkaProbe;
import com.trafficmanager.console.connect.KafkaSettingsErrors;
import com.trafficmanager.console.connect.PostgresProbe;
import com.trafficmanager.console.connect.RedisClients;
import com.trafficmanager.console.connect.RedisProbe;
import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.invalidation.FaultInjector;
import com.trafficmanager.console.invalidation.InvalidationConfig;
import com.trafficmanager.console.invalidation.InvalidationService;
import com.trafficmanager.console.kafka.KafkaClients;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.outbox.OutboxRelayConfig;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.trace.TraceBook;
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
 * relay, the Kafka admin client, the Redis client, the health monitor that watches the servers, and
 * the cache-invalidation consumer (which a read-only console does not run: it would commit offsets).
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
    private final TraceBook traces = new TraceBook(TraceBook.DEFAULT_CAPACITY, Clock.systemUTC());
    private final SessionTracing tracing;
    private final InvalidationService invalidation;
    private LiveStream liveStream;

    private ConsoleSession(ConnectionTarget target, Database database, OutboxRelay relay, Admin admin, JedisPooled redis,
                           FaultInjector.RedisSwitch sandboxRedis) {
        this.target = target;
        this.database = database;
        this.relay = relay;
        this.routes = new RouteService(database.dataSource(), relay == null ? () -> { } : relay::wake);
        this.operator = new OperatorContext(target.operator(), OperatorContext.localHostName(), target.readOnly());
        this.admin = admin;
        this.redis = redis;
        this.health = new HealthMonitor(List.of(new PostgresProbe(database.dataSource()),
                new KafkaProbe(admin, target.kafkaBootstrap(), target.topic()), new RedisProbe(redis, target)),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
        String group = target.consumerGroup() == null || target.consumerGroup().isBlank()
                ? InvalidationConfig.DEFAULT_GROUP : target.consumerGroup();
        InvalidationConfig inval = InvalidationConfig.defaults(target.kafkaBootstrap(), target.topic(), group)
                .withKafkaProperties(target.kafkaProperties())
                // written while it exists: the consumer looks for it when a malformed record comes
                .withDlqTopic(InvalidationService.dlqTopicFor(target.topic()));
        this.invalidation = InvalidationService.create(inval, redis, admin, routes::find, routes::listRoutes,
                !target.readOnly(), sandboxRedis);
        this.tracing = new SessionTracing(traces, routes, relay, invalidation.consumer(), redis);
    }

    /**
     * Opens the session. PostgreSQL must answer (the schema is migrated first); Kafka and Redis are
     * connected lazily and their state shows in the status bar.
     */
    public static ConsoleSession open(ConnectionTarget target) {
        return open(target, null);
    }

    /**
     * @param sandboxRedis the sandbox's Redis switch for the Invalidation tab's fault injection; null when
     *                     the session is not on the sandbox
     */
    public static ConsoleSession open(ConnectionTarget target, FaultInjector.RedisSwitch sandboxRedis) {
        // a bad TLS/SASL property is named before anything connects (see KafkaSettingsErrors)
        KafkaSettingsErrors.check(target.profileName(), target.kafkaBootstrap(), target.kafkaProperties());
        Database database = target.readOnly()
                ? Database.openWithoutMigration(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword())
                : Database.open(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
        OutboxRelay relay = null;
        Admin admin = null;
        JedisPooled redis = null;
        ConsoleSession session = null;
        try {
            if (!target.readOnly()) {
                relay = new OutboxRelay(database, OutboxRelayConfig.defaults(target.kafkaBootstrap(), target.topic())
                        .withProducerOverrides(new HashMap<>(target.kafkaProperties())));
                relay.start();
            }
            Map<String, Object> adminProps = KafkaClients.adminProperties(target.kafkaBootstrap(), target.kafkaProperties());
            adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
            adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            admin = createAdmin(target, adminProps);
            redis = RedisClients.create(target);
            session = new ConsoleSession(target, database, relay, admin, redis, sandboxRedis);
            session.invalidation.start(); // the console runs the invalidation consumer for the session's lifetime
            return session;
        } catch (RuntimeException | Error e) { // an Error too: a Retry would open the pools once more beside these
            if (session != null) {
                try {
                    session.close(); // its clients and threads, then the ones below
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
            if (redis != null) {
                redis.close();
            }
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

    private static Admin createAdmin(ConnectionTarget target, Map<String, Object> props) {
        try {
            return Admin.create(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw KafkaSettingsErrors.describe(target.profileName(), target.kafkaProperties(), e);
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

    /** Where this console's recent changes are: committed, published, seen, processed, verified. */
    public TraceBook traces() {
        return traces;
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

    /** The cache-invalidation consumer, its monitor, resolver and inspector. */
    public InvalidationService invalidation() {
        return invalidation;
    }

    /** The live tail of the topic for the Live events tab; made on first use, started by the tab. */
    public synchronized LiveStream liveStream() {
        if (liveStream == null) {
            liveStream = LiveStream.create(target.kafkaBootstrap(), target.kafkaProperties(), target.topic(), admin,
                    target.consumerGroup());
            tracing.follow(liveStream.tail());
        }
        return liveStream;
    }

    @Override
    public void close() {
        tracing.close();
        synchronized (this) {
            if (liveStream != null) {
                liveStream.close();
            }
        }
        health.close();
        invalidation.close();
        if (relay != null) {
            relay.close();
        }
        admin.close(Duration.ofSeconds(3));
        redis.close();
        database.close();
    }
}
