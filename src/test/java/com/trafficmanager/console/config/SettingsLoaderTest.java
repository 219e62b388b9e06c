package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void missingFileMeansNoProfilesAndTheSandbox() throws Exception {
        Settings settings = SettingsLoader.load(dir.resolve("settings.json"));

        assertThat(settings).isEqualTo(Settings.EMPTY);
        assertThat(settings.choices()).containsExactly(Profile.sandbox());
        assertThat(settings.initialProfile()).isEqualTo(Profile.sandbox());
    }

    @Test
    void validFileLoadsEveryValue() throws Exception {
        Settings settings = SettingsLoader.load(SettingsFiles.write(dir, SettingsFiles.VALID));

        assertThat(settings.lastProfile()).contains("prod-eu");
        assertThat(settings.profiles()).extracting(Profile::name).containsExactly("sandbox", "prod-eu");
        assertThat(settings.profiles().get(0)).isEqualTo(Profile.sandbox());

        Profile prod = settings.initialProfile();
        assertThat(prod.name()).isEqualTo("prod-eu");
        assertThat(prod.kind()).isEqualTo(Profile.Kind.EXTERNAL);
        assertThat(prod.topic()).isEqualTo("route-events-eu");
        assertThat(prod.consumerGroup()).isEqualTo("eu-invalidator");
        assertThat(prod.protectedEnvs()).containsExactly("prod", "staging");
        assertThat(prod.isProtected("staging")).isTrue();
        assertThat(prod.readOnly()).isTrue();
        assertThat(prod.operator()).isEqualTo("alice");

        ExternalConnection c = prod.connection().orElseThrow();
        assertThat(c.jdbc()).isEqualTo(new JdbcConnection("jdbc:postgresql://db.eu:5432/routes", "console",
                Optional.of(SecretRef.env("prod-eu", "jdbc.password", "PG_PASSWORD"))));
        assertThat(c.kafka().bootstrap()).isEqualTo("b1:9092,b2:9092");
        assertThat(c.kafka().properties()).containsExactly(Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"), Map.entry("request.timeout.ms", "30000"));
        assertThat(c.kafka().secrets()).containsExactly(
                Map.entry("sasl.jaas.config", SecretRef.env("prod-eu", "kafka.sasl.jaas.config", "KAFKA_JAAS")));
        assertThat(c.redis().uri()).isEqualTo("rediss://cache.eu:6380");
        assertThat(c.redis().tls()).isTrue();
        assertThat(c.redis().host()).isEqualTo("cache.eu");
        assertThat(c.redis().port()).isEqualTo(6380);
        assertThat(c.redis().database()).isZero();
        assertThat(c.redis().user()).contains("console");
        // a relative secret file is relative to the settings file, not to the working directory
        assertThat(c.redis().password()).contains(
                SecretRef.file("prod-eu", "redis.password", dir.resolve("secrets/redis.pass"), dir));
    }

    @Test
    void defaultsAreAppliedToAMinimalExternalProfile() throws Exception {
        String json = SettingsFiles.withProfiles("""
                {"name": "lab", "type": "external",
                 "jdbc": {"url": "jdbc:postgresql://[::1]:5432/routes?sslmode=verify-full", "user": "console"},
                 "kafka": {"bootstrap": "kafka-1.lab:9092, kafka-2.lab:9093"},
                 "redis": {"uri": "redis://cache_1:6379/2"}}
                """);

        Profile lab = SettingsLoader.load(SettingsFiles.write(dir, json)).profiles().get(0);

        assertThat(lab.topic()).isEqualTo("route-events");
        assertThat(lab.consumerGroup()).isEqualTo("route-cache-invalidator");
        assertThat(lab.protectedEnvs()).containsExactly("prod");
        assertThat(lab.readOnly()).isFalse();
        assertThat(lab.user()).isEmpty();
        assertThat(lab.operator()).isEqualTo(System.getProperty("user.name"));
        assertThat(lab.secrets()).isEmpty();
        assertThat(lab.connection().orElseThrow().redis().database()).isEqualTo(2);
        assertThat(lab.kafkaClientProperties(Map.of())).isEmpty();
    }

    @Test
    void sandboxProfileMayChangeItsNonConnectionSettings() throws Exception {
        String json = SettingsFiles.withProfiles("""
                {"name": "sandbox", "type": "sandbox", "topic": "routes", "protectedEnvs": [], "readOnly": true, "user": "demo"}
                """);

        Settings settings = SettingsLoader.load(SettingsFiles.write(dir, json));

        Profile sandbox = settings.profiles().get(0);
        assertThat(sandbox.isSandbox()).isTrue();
        assertThat(sandbox.topic()).isEqualTo("routes");
        assertThat(sandbox.protectedEnvs()).isEmpty();
        assertThat(settings.choices()).containsExactly(sandbox);
        assertThat(settings.initialProfile()).isEqualTo(sandbox);
    }

    @Test
    void lastProfileThatIsGoneFallsBackToTheSandbox() throws Exception {
        String json = "{\"lastProfile\": \"gone\", \"profiles\": [{\"name\": \"lab\", \"type\": \"sandbox\"}]}";

        Settings settings = SettingsLoader.load(SettingsFiles.write(dir, json));

        assertThat(settings.lastProfile()).contains("gone");
        assertThat(settings.choices()).extracting(Profile::name).containsExactly("sandbox", "lab");
        assertThat(settings.initialProfile()).isEqualTo(Profile.sandbox());
    }

    @Test
    void secretFilePathsFollowTheShellConventions() {
        Path home = Path.of("/home/alice");
        Path settingsDir = Path.of("/etc/console");

        assertThat(SecretPaths.resolve("~/pg.pass", settingsDir, home)).isEqualTo(Path.of("/home/alice/pg.pass"));
        assertThat(SecretPaths.resolve("pg.pass", settingsDir, home)).isEqualTo(Path.of("/etc/console/pg.pass"));
        assertThat(SecretPaths.resolve("../pg.pass", settingsDir, home)).isEqualTo(Path.of("/etc/pg.pass"));
        assertThat(SecretPaths.resolve("/run/secrets/pg", settingsDir, home)).isEqualTo(Path.of("/run/secrets/pg"));
    }

    @Test
    void formatRulesAcceptTheUsualShapes() {
        assertThat(List.of("b1:9092", "b1:9092,b2:9092", "10.0.0.1:9092", "[::1]:9092", "kafka_1:9092"))
                .allMatch(Rules::isBootstrap);
        assertThat(List.of("", "b1", "b1:", ":9092", "b1:9092,", "b1:65536", "-b1:9092", "b 1:9092"))
                .noneMatch(Rules::isBootstrap);
        assertThat(List.of("jdbc:postgresql://db/routes", "jdbc:postgresql://db:5432/routes?ssl=true",
                "jdbc:postgresql://db1:5432,db2:5432/routes?targetServerType=primary", "jdbc:postgresql://[::1]/routes"))
                .allMatch(Rules::isJdbcUrl);
        assertThat(List.of("jdbc:postgresql:routes", "jdbc:postgresql://db/", "jdbc:postgresql://db/a/b",
                "jdbc:postgresql://db:0/routes", "postgresql://db/routes"))
                .noneMatch(Rules::isJdbcUrl);
        assertThat(List.of("redis://cache:6379", "rediss://cache:6380/15", "redis://[::1]:6379", "redis://cache:6379/"))
                .allMatch(uri -> Rules.parseRedisUri(uri) != null);
        assertThat(List.of("redis://cache", "redis://cache:6379/x", "redis://cache:6379?timeout=1", "redis:cache:6379"))
                .allMatch(uri -> Rules.parseRedisUri(uri) == null);
        assertThat(List.of("route-events", "a", "A.b_c-1", "t".repeat(249))).allMatch(Rules::isTopic);
        assertThat(List.of("", ".", "..", "a b", "route/events", "t".repeat(250))).noneMatch(Rules::isTopic);
    }
}
