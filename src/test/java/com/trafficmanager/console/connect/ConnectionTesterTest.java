package com.trafficmanager.console.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.ValidProfiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/** "Test connection" against the real sandbox servers: which one failed, and why. */
class ConnectionTesterTest {
    private static final ConnectionTester TESTER = new ConnectionTester(Duration.ofSeconds(12));

    @TempDir
    Path dir;

    private final SandboxEndpoints sandbox = TestSandbox.shared().endpoints();

    private Profile profile(String jdbcUrl, String kafkaProps, String redisUri, String redisUser, String redisPwEnv,
                            String topic) {
        ProfileForm form = new ProfileForm("checked", true, jdbcUrl, sandbox.jdbcUser(), "", "", sandbox.kafkaBootstrap(),
                kafkaProps, "", "", redisUri, redisUser, redisPwEnv, "", topic, "", "prod", false, "");
        return ValidProfiles.of(dir, form);
    }

    private Profile sandboxAsExternal() {
        return profile(sandbox.jdbcUrl(), "", sandbox.redisUri(), "", "", sandbox.topic());
    }

    @Test
    void allThreeAnswerWithTheirDetails() {
        List<ConnectionTester.Result> results = TESTER.test(sandboxAsExternal(), Map.of());
        assertThat(results).extracting(ConnectionTester.Result::server).containsExactly("PostgreSQL", "Kafka", "Redis");
        assertThat(results).allMatch(ConnectionTester.Result::ok, "all ok: " + results);
        assertThat(results.get(0).detail()).startsWith("connected as " + sandbox.jdbcUser() + ", PostgreSQL ");
        assertThat(results.get(1).detail()).isEqualTo("1 broker(s); topic '" + sandbox.topic() + "' has 6 partitions");
        assertThat(results.get(2).detail()).isEqualTo("PING answered PONG");
    }

    @Test
    void eachFailureIsNamedWithItsReason() {
        Profile bad = profile("jdbc:postgresql://127.0.0.1:1/traffic", "", "redis://127.0.0.1:1", "", "",
                "no-such-topic-" + UUID.randomUUID().toString().substring(0, 6));
        List<ConnectionTester.Result> results = TESTER.test(bad, Map.of());
        assertThat(results).noneMatch(ConnectionTester.Result::ok);
        assertThat(results.get(0).detail()).startsWith("profile 'checked': jdbc.url: Connection to 127.0.0.1:1 refused");
        assertThat(results.get(1).detail()).endsWith("but topic '" + bad.topic() + "' does not exist");
        assertThat(results.get(2).detail()).startsWith("profile 'checked': redis.uri: cannot reach redis://127.0.0.1:1");
    }

    @Test
    void aMissingSecretFailsOnlyTheServerThatNeedsIt() {
        Profile p = profile(sandbox.jdbcUrl(), "", sandbox.redisUri(), "", "TC_TEST_UNSET_REDIS_PW", sandbox.topic());
        List<ConnectionTester.Result> results = TESTER.test(p, Map.of());
        assertThat(results.get(0).ok()).isTrue();
        assertThat(results.get(1).ok()).isTrue();
        assertThat(results.get(2)).isEqualTo(new ConnectionTester.Result("Redis", false,
                "profile 'checked': redis.password: environment variable TC_TEST_UNSET_REDIS_PW is not set"));
    }

    @Test
    void redisAclUserAndTlsPassThroughAndTheirRefusalsNameTheSetting() {
        String user = "tc_" + UUID.randomUUID().toString().substring(0, 8);
        try (JedisPooled admin = new JedisPooled(java.net.URI.create(sandbox.redisUri()))) {
            admin.sendCommand(Protocol.Command.ACL, "SETUSER", user, "on", ">acl-pw-1", "~*", "+@all");
            try {
                Profile acl = profile(sandbox.jdbcUrl(), "", sandbox.redisUri(), user, "TC_REDIS_PW", sandbox.topic());
                assertThat(TESTER.test(acl, Map.of("TC_REDIS_PW", "acl-pw-1")).get(2))
                        .isEqualTo(new ConnectionTester.Result("Redis", true, "PING answered PONG as " + user));
                ConnectionTester.Result wrong = TESTER.test(acl, Map.of("TC_REDIS_PW", "not-it")).get(2);
                assertThat(wrong.ok()).isFalse();
                assertThat(wrong.detail()).startsWith("profile 'checked': redis.user and its password").contains("WRONGPASS")
                        .doesNotContain("not-it");
            } finally {
                admin.sendCommand(Protocol.Command.ACL, "DELUSER", user);
            }
        }
        Profile tls = profile(sandbox.jdbcUrl(), "", sandbox.redisUri().replace("redis://", "rediss://"), "", "",
                sandbox.topic());
        ConnectionTester.Result result = TESTER.test(tls, Map.of()).get(2);
        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).startsWith("profile 'checked': redis.uri: TLS (rediss://) failed");
    }

    @Test
    void aMisconfiguredKafkaPropertyIsNamed() {
        // a value of the right type (the settings file takes it) that the client cannot use when it starts
        Profile p = profile(sandbox.jdbcUrl(), "security.protocol=SSL\nssl.truststore.location=/nonexistent/trust.jks",
                sandbox.redisUri(), "", "", sandbox.topic());
        ConnectionTester.Result kafka = TESTER.test(p, Map.of()).get(1);
        assertThat(kafka.ok()).isFalse();
        assertThat(kafka.detail()).startsWith("profile 'checked': kafka.properties.ssl.truststore.location: ")
                .contains("/nonexistent/trust.jks");
        assertThat(kafka.detail()).as("what went wrong, not only the path").endsWith("no such file or folder: /nonexistent/trust.jks");
    }
}
