package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.trafficmanager.console.testing.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** No secret reaches a toString, a message or the log, whether it was configured well or pasted in. */
class SecretsNeverShownTest {
    private static final List<String> SECRETS = List.of("pg-s3cret", "kafka-s3cret", "redis-s3cret");

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedLog log = new CapturedLog("com.trafficmanager.console.config");

    @Test
    void noModelShowsAResolvedSecret() throws Exception {
        Settings settings = SettingsLoader.load(SettingsFiles.write(dir, SettingsFiles.VALID));
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/redis.pass"), "redis-s3cret");
        Map<String, String> env = Map.of("PG_PASSWORD", "pg-s3cret",
                "KAFKA_JAAS", "ScramLoginModule required username=\"console\" password=\"kafka-s3cret\";");
        Profile prod = settings.profile("prod-eu").orElseThrow();
        prod.checkSecrets(env);
        assertThat(prod.kafkaClientProperties(env)).containsValue(env.get("KAFKA_JAAS"));

        ExternalConnection c = prod.connection().orElseThrow();
        List<Object> models = new ArrayList<>(List.of(settings, prod, c, c.jdbc(), c.kafka(), c.redis()));
        models.addAll(prod.secrets());
        for (Object model : models) {
            assertThat(model.toString()).as(model.getClass().getSimpleName()).doesNotContain(SECRETS);
        }
        assertThat(prod.secrets().get(0)).hasToString("env PG_PASSWORD");
        assertNothingLogged();
    }

    @Test
    void inlineSecretsAreRefusedWithoutBeingQuotedOrLogged() {
        String json = SettingsFiles.prodEu(
                SettingsFiles.setText("/jdbc/password", "pg-s3cret"),
                SettingsFiles.setText("/jdbc/url", "jdbc:postgresql://db:99999/routes?password=pg-s3cret"),
                SettingsFiles.setText("/redis/uri", "redis://console:redis-s3cret@cache:0"),
                SettingsFiles.remove("/redis/passwordFile"),
                SettingsFiles.setText("/redis/passwordEnv", "redis-s3cret"),
                SettingsFiles.setText("/kafka/properties/ssl.key.password", "kafka-s3cret"),
                SettingsFiles.set("/kafka/properties/sasl.jaas.config", "[\"password=kafka-s3cret\"]"),
                SettingsFiles.setText("/kafka/secretEnv/sasl.jaas.config", "password=kafka-s3cret"));

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> SettingsLoader.load(SettingsFiles.write(dir, json)));

        String p = "profile 'prod-eu': ";
        assertThat(e.errors()).containsExactly(
                p + "jdbc.password must not be in the settings file; use jdbc.passwordEnv or jdbc.passwordFile",
                p + "jdbc.url must not contain a password; use jdbc.passwordEnv or jdbc.passwordFile",
                p + "kafka.properties.ssl.key.password must not be in the settings file; use kafka.secretEnv or kafka.secretFile",
                p + "kafka.properties.sasl.jaas.config must be a string, number or boolean, got an array",
                p + "kafka.secretEnv.sasl.jaas.config is also set in kafka.properties; set it in one place",
                p + "redis.uri must not contain a user or password; use redis.user and redis.passwordEnv or redis.passwordFile",
                p + "redis.passwordEnv must be an environment variable name (letters, digits, '_', not starting with a digit)");
        assertThat(e.getMessage()).doesNotContain(SECRETS);
        assertNothingLogged();
    }

    @Test
    void aSecretTypedWhereItsFileBelongsIsNotShownWhenTheFileIsMissing() throws Exception {
        String secret = "hunter2-Secret!";
        String json = SettingsFiles.prodEu(
                SettingsFiles.remove("/jdbc/passwordEnv"),
                SettingsFiles.setText("/jdbc/passwordFile", secret),
                SettingsFiles.set("/kafka/secretFile", "{\"ssl.key.password\": \"" + secret + "\"}"));
        Profile prod = SettingsLoader.load(SettingsFiles.write(dir, json)).profile("prod-eu").orElseThrow();

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> prod.checkSecrets(Map.of("KAFKA_JAAS", "ScramLoginModule required;")));

        String p = "profile 'prod-eu': ";
        String notShown = " (not shown: a name without a directory may be the secret itself) does not exist";
        assertThat(e.errors()).containsExactly(
                p + "jdbc.password: file named in jdbc.passwordFile" + notShown,
                p + "kafka.ssl.key.password: file named in kafka.secretFile.ssl.key.password" + notShown,
                // a path with a directory is what the operator meant: quoted, as before
                p + "redis.password: file " + dir.resolve("secrets/redis.pass") + " does not exist");
        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(prod.secrets().get(0)).hasToString("file named in jdbc.passwordFile (not shown: a name without a"
                + " directory may be the secret itself)");
        ExternalConnection c = prod.connection().orElseThrow();
        for (Object model : List.of(prod, c, c.jdbc(), c.kafka(), c.redis())) {
            assertThat(model.toString()).as(model.getClass().getSimpleName()).doesNotContain(secret);
        }
        assertThat(log.events()).as("the KAFKA_JAAS read is logged").isNotEmpty();
        for (ILoggingEvent event : log.events()) {
            assertThat(event.getFormattedMessage()).doesNotContain(secret);
        }
    }

    @Test
    void aSecretTypedWhereItsFileBelongsIsNotShownWhenTheFileCannotBeRead() throws Exception {
        String secret = "hunter2-Secret!";
        Files.createDirectories(dir.resolve(secret)); // not a file: reading it fails
        String json = SettingsFiles.prodEu(
                SettingsFiles.remove("/jdbc/passwordEnv"),
                SettingsFiles.setText("/jdbc/passwordFile", secret));
        Profile prod = SettingsLoader.load(SettingsFiles.write(dir, json)).profile("prod-eu").orElseThrow();
        SecretRef ref = prod.connection().orElseThrow().jdbc().password().orElseThrow();

        SettingsException e = catchThrowableOfType(SettingsException.class, () -> ref.resolve(Map.of()));

        assertThat(e.getMessage())
                .startsWith("profile 'prod-eu': jdbc.password: ")
                .contains("file named in jdbc.passwordFile (not shown: a name without a directory may be the secret itself)")
                .doesNotContain(secret);
        for (ILoggingEvent event : log.events()) {
            assertThat(event.getFormattedMessage()).doesNotContain(secret);
        }
    }

    private void assertNothingLogged() {
        assertThat(log.events()).isNotEmpty();
        for (ILoggingEvent event : log.events()) {
            assertThat(event.getFormattedMessage()).doesNotContain(SECRETS);
        }
    }
}
