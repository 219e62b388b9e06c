package com.trafficmanager.console.connect;

import com.trafficmanager.console.concurrent.DaemonThreads;
import com.trafficmanager.console.config.ExternalConnection;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.SecretRef;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.kafka.KafkaClients;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * "Test connection" of the profile editor: checks PostgreSQL, Kafka (the topic and its partitions) and
 * Redis of a profile that is not in use, each on its own thread and within a deadline, and says for
 * each whether it answered and why not. Opens nothing that outlives the call.
 *
 * <p>Blocks up to the timeout (plus closing): call it off the JavaFX thread. A secret that cannot be
 * read fails only the server that needs it. Messages never carry a secret value.
 */
public final class ConnectionTester {
    /**
     * What one server said; {@code unreachable}: it did not answer, and nothing says the settings are wrong
     * (see {@link ServerUnreachableException}).
     */
    public record Result(String server, boolean ok, String detail, boolean unreachable) {
        public Result(String server, boolean ok, String detail) {
            this(server, ok, detail, false);
        }
    }

    private final Duration timeout;

    public ConnectionTester(Duration timeout) {
        this.timeout = timeout;
    }

    public List<Result> test(Profile profile, Map<String, String> env) {
        ExternalConnection c = profile.connection().orElseThrow(() ->
                new IllegalArgumentException("profile '" + profile.name() + "' is the sandbox: the console starts its servers"));
        ExecutorService pool = Executors.newFixedThreadPool(3, DaemonThreads.named("connection-test"));
        try {
            List<String> servers = List.of("PostgreSQL", "Kafka", "Redis");
            List<Future<String>> running = List.of(
                    pool.submit(() -> postgres(profile, c, env)),
                    pool.submit(() -> kafka(profile, c, env)),
                    pool.submit(() -> redis(profile, c, env)));
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < servers.size(); i++) {
                results.add(await(servers.get(i), running.get(i), deadline));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Result await(String server, Future<String> future, long deadline) {
        try {
            long left = Math.max(0, deadline - System.nanoTime());
            return new Result(server, true, future.get(left, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Result(server, false, "no answer within " + timeout.toSeconds() + " s", true);
        } catch (ExecutionException e) {
            return new Result(server, false, reason(e.getCause()), e.getCause() instanceof ServerUnreachableException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(server, false, "interrupted");
        }
    }

    /** Our own messages already name the setting; others are reduced to their root cause. */
    static String reason(Throwable t) {
        if (t instanceof ClientSettingsException || t instanceof SettingsException) {
            return t.getMessage();
        }
        return HealthMonitor.reason(t);
    }

    private String postgres(Profile p, ExternalConnection c, Map<String, String> env) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", c.jdbc().user());
        // none at all, not "", when the profile names no password: the driver then reads ~/.pgpass
        secret(c.jdbc().password(), env).ifPresent(password -> props.setProperty("password", password));
        int seconds = (int) Math.max(1, timeout.toSeconds());
        props.setProperty("connectTimeout", Integer.toString(seconds));
        props.setProperty("socketTimeout", Integer.toString(seconds));
        props.setProperty("loginTimeout", Integer.toString(seconds));
        props.setProperty("ApplicationName", "traffic-console-test");
        try (Connection conn = connect(p, c, props);
             PreparedStatement ps = conn.prepareStatement("select current_user, current_setting('server_version'), "
                     + "to_regclass('route') is not null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return "connected as " + rs.getString(1) + ", PostgreSQL " + rs.getString(2) + (rs.getBoolean(3)
                    ? ", route tables present" : ", no route tables yet (a writing console creates them)");
        }
    }

    /** Names the setting behind a refused login or a missing database; the rest is about reaching the URL. */
    private static Connection connect(Profile p, ExternalConnection c, Properties props) throws SQLException {
        try {
            return DriverManager.getConnection(c.jdbc().url(), props);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            String reason = e.getMessage() == null ? state : e.getMessage().lines().findFirst().orElse("").strip();
            String setting = state.startsWith("28") ? "jdbc.user and its password (jdbc.passwordEnv or jdbc.passwordFile)"
                    : "jdbc.url";
            ClientSettingsException described = new ClientSettingsException(p.name(), setting, reason, e);
            if (state.startsWith("08")) { // a connection exception: refused, timed out, reset
                throw new ServerUnreachableException(described.getMessage(), e);
            }
            throw described;
        }
    }

    private String kafka(Profile p, ExternalConnection c, Map<String, String> env) throws Exception {
        Map<String, String> extra = p.kafkaClientProperties(env);
        KafkaSettingsErrors.check(p.name(), c.kafka().bootstrap(), extra);
        Map<String, Object> props = KafkaClients.adminProperties(c.kafka().bootstrap(), extra);
        // inside the overall deadline, so the answer names the bootstrap servers instead of "no answer"
        int millis = (int) (timeout.toMillis() * 4 / 5);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "traffic-console-test");
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            throw KafkaSettingsErrors.describe(p.name(), extra, e);
        }
        try {
            int brokers = admin.describeCluster().nodes().get(millis, TimeUnit.MILLISECONDS).size();
            TopicDescription topic;
            try {
                topic = admin.describeTopics(List.of(p.topic())).allTopicNames().get(millis, TimeUnit.MILLISECONDS)
                        .get(p.topic());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    throw new IllegalStateException(brokers + " broker(s) answer, but topic '" + p.topic() + "' does not exist");
                }
                throw e;
            }
            return brokers + " broker(s); topic '" + p.topic() + "' has " + topic.partitions().size() + " partitions";
        } catch (TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw noBroker(c, millis, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noBroker(c, millis, e); // the admin client's own deadline ran out first
            }
            throw e;
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static IllegalStateException noBroker(ExternalConnection c, int millis, Exception cause) {
        return new ServerUnreachableException("no broker answered at " + c.kafka().bootstrap() + " within "
                + millis / 1000.0 + " s", cause);
    }

    private String redis(Profile p, ExternalConnection c, Map<String, String> env) throws Exception {
        String password = secret(c.redis().password(), env).orElse(null);
        String user = c.redis().user().orElse(null);
        try (JedisPooled redis = RedisClients.create(c.redis().uri(), user, password)) {
            String reply = redis.ping();
            return "PING answered " + reply + (c.redis().tls() ? " over TLS" : "") + (user == null ? "" : " as " + user);
        } catch (JedisException e) {
            ClientSettingsException described = RedisSettingsErrors.describe(p.name(), c.redis().uri(), user, e);
            if (RedisSettingsErrors.unreachable(described)) {
                throw new ServerUnreachableException(described.getMessage(), e);
            }
            throw described;
        }
    }

    private static Optional<String> secret(Optional<SecretRef> ref, Map<String, String> env) throws SettingsException {
        return ref.isPresent() ? Optional.of(ref.get().resolve(env)) : Optional.empty();
    }
}
