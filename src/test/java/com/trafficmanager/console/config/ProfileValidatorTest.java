package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's inline messages: the loader's own rules, each under the field it is about. */
class ProfileValidatorTest {
    private static final List<String> FIELDS = List.of("name", "jdbc.url", "jdbc.user", "jdbc.passwordEnv",
            "jdbc.passwordFile", "kafka.bootstrap", "kafka.properties", "kafka.secretEnv", "kafka.secretFile",
            "redis.uri", "redis.user", "redis.passwordEnv", "topic", "consumerGroup", "protectedEnvs", "user");
    private final ProfileValidator validator = new ProfileValidator(Path.of("/home/op/.config/tc"), Path.of("/home/op"));

    private static ProfileForm form(String name, String jdbcUrl, String bootstrap, String props, String redisUri,
                                    String passwordEnv, String topic) {
        return new ProfileForm(name, true, jdbcUrl, "console", passwordEnv, "", bootstrap, props, "", "", redisUri, "",
                "", "", topic, "route-cache-invalidator", "prod", false, "");
    }

    @Test
    void aValidFormGivesTheProfile() {
        var check = validator.check(form("prod-eu", "jdbc:postgresql://db:5432/routes", "b1:9092",
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512", "rediss://cache:6380", "PG_PASSWORD",
                "route-events"), List.of("sandbox"));
        assertThat(check.messages()).isEmpty();
        Profile p = check.profile().orElseThrow();
        assertThat(p.connection().orElseThrow().kafka().properties())
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(p.connection().orElseThrow().jdbc().password().orElseThrow()).hasToString("env PG_PASSWORD");
    }

    @Test
    void invalidValuesAreReportedUnderTheirFields() {
        var check = validator.check(form("Prod EU", "postgres://db/routes", "broker1",
                "security.protocl=SSL\nacks=1\nnot a line", "redis://cache", "PG_PASSWORD", "bad topic"), List.of());
        assertThat(check.valid()).isFalse();
        assertThat(check.byField(FIELDS)).containsOnly(
                entry("name", "must be lowercase letters, digits, '-' or '_', 1-40 characters, got 'Prod EU'"),
                entry("jdbc.url", "must be jdbc:postgresql://host[:port]/database[?params], got 'postgres://db/routes'"),
                entry("kafka.bootstrap", "must be host:port[,host:port...], got 'broker1'"),
                entry("kafka.properties", "line 3 must be name=value\nsecurity.protocl is not a Kafka client property\n"
                        + "acks may not be set here: the console's producer uses acks=all"),
                entry("redis.uri", "must be redis://host:port[/db] or rediss://host:port[/db] (port 1-65535), got 'redis://cache'"),
                entry("topic", "must be 1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (not '.' or '..'), got 'bad topic'"));
    }

    @Test
    void aPasswordTypedWhereItsVariableBelongsIsRefusedWithoutQuotingIt() {
        var check = validator.check(form("prod", "jdbc:postgresql://db/routes", "b:9092", "", "redis://c:6379",
                "hunter2!", "route-events"), List.of());
        assertThat(check.forField("jdbc.passwordEnv"))
                .isEqualTo("must be an environment variable name (letters, digits, '_', not starting with a digit)");
        assertThat(String.join("\n", check.messages())).doesNotContain("hunter2");
    }

    @Test
    void bothSecretSourcesAndDuplicateNamesAreRefused() {
        ProfileForm both = new ProfileForm("prod-eu", true, "jdbc:postgresql://db/routes", "console", "PG", "pg.pass",
                "b:9092", "", "", "", "redis://c:6379", "", "", "", "", "", "", false, "");
        var check = validator.check(both, List.of("prod-eu"));
        assertThat(check.forField("jdbc.passwordEnv")).isEqualTo("and jdbc.passwordFile are exclusive; use one");
        assertThat(check.forField("name")).isEqualTo("is already the name of another profile");
        assertThat(check.otherThan(FIELDS)).isEmpty();
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
