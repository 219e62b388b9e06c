package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"console\" password=\"kafka-s3cret\";";

    @TempDir
    Path dir;

    private Profile prodEu() throws Exception {
        return SettingsLoader.load(SettingsFiles.write(dir, SettingsFiles.VALID)).profile("prod-eu").orElseThrow();
    }

    private void writeRedisPassword(String content) throws Exception {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/redis.pass"), content);
    }

    @Test
    void secretsResolveFromTheEnvironment() throws Exception {
        Profile prod = prodEu();
        Map<String, String> env = Map.of("PG_PASSWORD", "pg-s3cret", "KAFKA_JAAS", JAAS);

        assertThat(prod.connection().orElseThrow().jdbc().password().orElseThrow().resolve(env)).isEqualTo("pg-s3cret");
        assertThat(prod.kafkaClientProperties(env)).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("request.timeout.ms", "30000"), Map.entry("sasl.jaas.config", JAAS));
    }

    @Test
    void secretsResolveFromAFileWithoutItsFinalLineBreak() throws Exception {
        writeRedisPassword("redis-s3cret\n");

        SecretRef ref = prodEu().connection().orElseThrow().redis().password().orElseThrow();

        assertThat(ref.resolve(Map.of())).isEqualTo("redis-s3cret");
        assertThat(SecretRef.stripFinalLineBreak("a b\r\n")).isEqualTo("a b");
        assertThat(SecretRef.stripFinalLineBreak("a\n\n")).isEqualTo("a\n");
    }

    @Test
    void missingEnvironmentVariableIsNamed() throws Exception {
        SecretRef ref = prodEu().connection().orElseThrow().jdbc().password().orElseThrow();

        assertThatThrownBy(() -> ref.resolve(Map.of("OTHER", "x")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("profile 'prod-eu': jdbc.password: environment variable PG_PASSWORD is not set");
        assertThatThrownBy(() -> ref.resolve(Map.of("PG_PASSWORD", "")))
                .hasMessage("profile 'prod-eu': jdbc.password: environment variable PG_PASSWORD is empty");
    }

    @Test
    void aVariableNameThatMayBeTheSecretItselfIsNotShown() {
        SecretRef ref = SecretRef.env("prod-eu", "jdbc.password", "Summer2024");

        assertThatThrownBy(() -> ref.resolve(Map.of()))
                .hasMessage("profile 'prod-eu': jdbc.password: environment variable named in the settings (not shown:"
                        + " with lower-case letters it may be the secret itself) is not set")
                .message().doesNotContain("Summer2024");
    }

    @Test
    void missingOrEmptyFileIsNamed() throws Exception {
        SecretRef ref = prodEu().connection().orElseThrow().redis().password().orElseThrow();
        Path file = dir.resolve("secrets/redis.pass");

        assertThatThrownBy(() -> ref.resolve(Map.of()))
                .hasMessage("profile 'prod-eu': redis.password: file " + file + " does not exist");
        writeRedisPassword("\n");
        assertThatThrownBy(() -> ref.resolve(Map.of()))
                .hasMessage("profile 'prod-eu': redis.password: file " + file + " is empty");
    }

    @Test
    void aMissingSecretFileIsQuotedOnlyWhenItsPathHasADirectoryOrIsHidden() throws Exception {
        String absent = "tc-absent-" + UUID.randomUUID();
        String notShown = "file named in redis.passwordFile (not shown: a name without a directory may be the secret itself)";
        Map<String, String> shown = new LinkedHashMap<>(); // as written in the settings file -> as messages show it
        shown.put("secrets/" + absent, "file " + dir.resolve("secrets/" + absent));
        shown.put("~/" + absent, "file " + Path.of(System.getProperty("user.home")).resolve(absent));
        shown.put("." + absent, "file " + dir.resolve("." + absent));
        shown.put(absent, notShown); // may be the secret itself, pasted where its path belongs
        shown.put("./" + absent, notShown); // saved as a bare name
        for (Map.Entry<String, String> c : shown.entrySet()) {
            String json = SettingsFiles.prodEu(SettingsFiles.setText("/redis/passwordFile", c.getKey()));
            SecretRef ref = SettingsLoader.load(SettingsFiles.write(dir, json)).profile("prod-eu").orElseThrow()
                    .connection().orElseThrow().redis().password().orElseThrow();

            assertThatThrownBy(() -> ref.resolve(Map.of())).as(c.getKey())
                    .hasMessage("profile 'prod-eu': redis.password: " + c.getValue() + " does not exist");
            assertThat(ref).as(c.getKey()).hasToString(c.getValue());
        }
    }

    @Test
    void checkSecretsListsEveryMissingSecretOfTheProfile() throws Exception {
        Profile prod = prodEu();

        assertThatThrownBy(() -> prod.checkSecrets(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessage(String.join("\n",
                        "profile 'prod-eu': jdbc.password: environment variable PG_PASSWORD is not set",
                        "profile 'prod-eu': kafka.sasl.jaas.config: environment variable KAFKA_JAAS is not set",
                        "profile 'prod-eu': redis.password: file " + dir.resolve("secrets/redis.pass") + " does not exist"));
        assertThatThrownBy(() -> prod.kafkaClientProperties(Map.of()))
                .hasMessage("profile 'prod-eu': kafka.sasl.jaas.config: environment variable KAFKA_JAAS is not set");

        writeRedisPassword("redis-s3cret");
        prod.checkSecrets(Map.of("PG_PASSWORD", "pg-s3cret", "KAFKA_JAAS", JAAS));
    }

    @Test
    void sandboxHasNoSecrets() throws Exception {
        assertThat(Profile.sandbox().secrets()).isEmpty();
        assertThat(Profile.sandbox().kafkaClientProperties(Map.of())).isEmpty();
        Profile.sandbox().checkSecrets(Map.of());
    }
}
