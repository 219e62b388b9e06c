package com.trafficmanager.console.config;

import static com.trafficmanager.console.config.SettingsFiles.prodEu;
import static com.trafficmanager.console.config.SettingsFiles.remove;
import static com.trafficmanager.console.config.SettingsFiles.set;
import static com.trafficmanager.console.config.SettingsFiles.setText;
import static com.trafficmanager.console.config.SettingsFiles.withProfiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad settings files and the exact messages an operator reads. */
class SettingsErrorsTest {
    private static final String P = "profile 'prod-eu': ";
    private static final String SECRET = "hunter2";

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // missing and unknown keys
                bad("missing key", prodEu(remove("/jdbc/url")),
                        P + "jdbc.url is required"),
                bad("missing section", prodEu(remove("/redis")),
                        P + "redis is required"),
                bad("missing type", prodEu(remove("/type")),
                        P + "type is required: \"sandbox\" or \"external\""),
                bad("missing name", withProfiles("{\"type\": \"sandbox\"}"),
                        "profiles[0]: name is required"),
                bad("unknown key", prodEu(remove("/kafka/bootstrap"), setText("/kafka/bootstrp", "b1:9092")),
                        P + "kafka.bootstrap is required",
                        P + "unknown key 'kafka.bootstrp'"),
                bad("unknown profile key", prodEu(set("/readonly", "true")),
                        P + "unknown key 'readonly'"),
                bad("unknown top-level key", "{\"profile\": []}",
                        "unknown key 'profile'"),

                // JDBC
                bad("JDBC URL of another database", prodEu(setText("/jdbc/url", "jdbc:mysql://db.eu/routes")),
                        P + "jdbc.url must be jdbc:postgresql://host[:port]/database[?params], got 'jdbc:mysql://db.eu/routes'"),
                bad("JDBC URL without database", prodEu(setText("/jdbc/url", "jdbc:postgresql://db.eu:5432")),
                        P + "jdbc.url must be jdbc:postgresql://host[:port]/database[?params], got 'jdbc:postgresql://db.eu:5432'"),
                bad("JDBC URL without host", prodEu(setText("/jdbc/url", "jdbc:postgresql:///routes")),
                        P + "jdbc.url must be jdbc:postgresql://host[:port]/database[?params], got 'jdbc:postgresql:///routes'"),
                bad("JDBC URL port out of range", prodEu(setText("/jdbc/url", "jdbc:postgresql://db.eu:65536/routes")),
                        P + "jdbc.url must be jdbc:postgresql://host[:port]/database[?params], got 'jdbc:postgresql://db.eu:65536/routes'"),
                bad("blank JDBC user", prodEu(setText("/jdbc/user", " ")),
                        P + "jdbc.user must not be blank"),

                // Kafka
                bad("bootstrap without port", prodEu(setText("/kafka/bootstrap", "broker1")),
                        P + "kafka.bootstrap must be host:port[,host:port...], got 'broker1'"),
                bad("bootstrap with an empty entry", prodEu(setText("/kafka/bootstrap", "b1:9092,,b2:9092")),
                        P + "kafka.bootstrap must be host:port[,host:port...], got 'b1:9092,,b2:9092'"),
                bad("bootstrap port 0", prodEu(setText("/kafka/bootstrap", "b1:0")),
                        P + "kafka.bootstrap must be host:port[,host:port...], got 'b1:0'"),
                bad("misspelt Kafka property", prodEu(setText("/kafka/properties/security.protocl", "SSL")),
                        P + "kafka.properties.security.protocl is not a Kafka client property"),
                bad("Kafka property the console sets", prodEu(setText("/kafka/properties/group.id", "mine")),
                        P + "kafka.properties.group.id may not be set here: use consumerGroup"),
                bad("Kafka number property with a unit", prodEu(setText("/kafka/properties/request.timeout.ms", "30s")),
                        P + "kafka.properties.request.timeout.ms must be a whole number, got '30s'"),
                bad("Kafka property value out of range", prodEu(set("/kafka/properties/request.timeout.ms", "-5")),
                        P + "kafka.properties.request.timeout.ms is refused by the Kafka clients: Value must be at least 0, got -5"),
                bad("Kafka property value not one of its choices", prodEu(setText("/kafka/properties/security.protocol", "TLS")),
                        P + "kafka.properties.security.protocol is refused by the Kafka clients: String must be one of "
                                + "(case insensitive): SASL_SSL, PLAINTEXT, SSL, SASL_PLAINTEXT, got 'TLS'"),
                bad("Kafka property that breaks the console's producers", prodEu(setText("/kafka/properties/transactional.id", "tx")),
                        P + "kafka.properties.transactional.id may not be set here: the console's producers are not transactional (every send would fail)"),
                bad("Kafka property that moves a route's events between partitions",
                        prodEu(setText("/kafka/properties/partitioner.ignore.keys", "true")),
                        P + "kafka.properties.partitioner.ignore.keys may not be set here: a route's events must stay in its key's partition, in order"),
                bad("Kafka property the consumer's start depends on", prodEu(setText("/kafka/properties/auto.offset.reset", "latest")),
                        P + "kafka.properties.auto.offset.reset may not be set here: the invalidation consumer starts a new group from the log start"),
                bad("Kafka delivery timeout below linger + request", prodEu(set("/kafka/properties/delivery.timeout.ms", "20000"),
                        set("/kafka/properties/request.timeout.ms", "30000")),
                        P + "kafka.properties.delivery.timeout.ms must be at least linger.ms + request.timeout.ms (30001 ms here), got 20000"),
                bad("Kafka retries off for an idempotent producer", prodEu(set("/kafka/properties/retries", "0")),
                        P + "kafka.properties.retries must be at least 1: the console's producers are idempotent"),
                bad("Kafka too many requests in flight for an idempotent producer",
                        prodEu(set("/kafka/properties/max.in.flight.requests.per.connection", "10")),
                        P + "kafka.properties.max.in.flight.requests.per.connection must be at most 5: the console's producers are idempotent"),
                bad("Kafka boolean property", prodEu(setText("/kafka/properties/check.crcs", "yes")),
                        P + "kafka.properties.check.crcs must be true or false, got 'yes'"),
                bad("Kafka property that is an object", prodEu(set("/kafka/properties/client.id", "{}")),
                        P + "kafka.properties.client.id must be a string, number or boolean, got {}"),
                bad("secret both inline and from env", prodEu(setText("/kafka/properties/sasl.jaas.config", "x required;")),
                        P + "kafka.secretEnv.sasl.jaas.config is also set in kafka.properties; set it in one place"),
                bad("secret env of an unknown property", prodEu(setText("/kafka/secretEnv/ssl.keystore.pasword", "KS")),
                        P + "kafka.secretEnv.ssl.keystore.pasword is not a Kafka client property"),

                // Redis
                bad("Redis URI of another scheme", prodEu(setText("/redis/uri", "http://cache.eu:6379")),
                        P + "redis.uri must be redis://host:port[/db] or rediss://host:port[/db] (port 1-65535), got 'http://cache.eu:6379'"),
                bad("Redis URI without port", prodEu(setText("/redis/uri", "redis://cache.eu")),
                        P + "redis.uri must be redis://host:port[/db] or rediss://host:port[/db] (port 1-65535), got 'redis://cache.eu'"),
                bad("Redis URI port out of range", prodEu(setText("/redis/uri", "redis://cache.eu:70000")),
                        P + "redis.uri must be redis://host:port[/db] or rediss://host:port[/db] (port 1-65535), got 'redis://cache.eu:70000'"),
                bad("Redis ACL user without password", prodEu(remove("/redis/passwordFile")),
                        P + "redis.user needs redis.passwordEnv or redis.passwordFile"),

                // secrets written inline
                bad("inline JDBC password", prodEu(setText("/jdbc/password", SECRET)),
                        P + "jdbc.password must not be in the settings file; use jdbc.passwordEnv or jdbc.passwordFile"),
                bad("password in the JDBC URL", prodEu(setText("/jdbc/url", "jdbc:postgresql://db.eu/routes?user=console&password=" + SECRET)),
                        P + "jdbc.url must not contain a password; use jdbc.passwordEnv or jdbc.passwordFile"),
                bad("password in a libpq-style URL", prodEu(setText("/jdbc/url", "postgresql://console:" + SECRET + "@db.eu/routes")),
                        P + "jdbc.url must not contain a password; use jdbc.passwordEnv or jdbc.passwordFile"),
                bad("password in the Redis URI", prodEu(setText("/redis/uri", "redis://u:" + SECRET + "@cache.eu:6379")),
                        P + "redis.uri must not contain a user or password; use redis.user and redis.passwordEnv or redis.passwordFile"),
                bad("password-only user info in a bad Redis URI", prodEu(setText("/redis/uri", "redis://" + SECRET + "@cache.eu")),
                        P + "redis.uri must not contain a user or password; use redis.user and redis.passwordEnv or redis.passwordFile"),
                bad("inline Redis password", prodEu(setText("/redis/password", SECRET)),
                        P + "redis.password must not be in the settings file; use redis.passwordEnv or redis.passwordFile"),
                bad("Kafka password property", prodEu(setText("/kafka/properties/ssl.truststore.password", SECRET)),
                        P + "kafka.properties.ssl.truststore.password must not be in the settings file; use kafka.secretEnv or kafka.secretFile"),
                bad("Kafka secret typed as a password by the client, with no 'password' in its name",
                        prodEu(setText("/kafka/properties/sasl.oauthbearer.assertion.private.key.passphrase", SECRET)),
                        P + "kafka.properties.sasl.oauthbearer.assertion.private.key.passphrase must not be in the settings file; use kafka.secretEnv or kafka.secretFile"),
                bad("Redis password in the URI's query", prodEu(setText("/redis/uri", "redis://cache.eu:6379/0?password=" + SECRET)),
                        P + "redis.uri must not have a query ('?...'): a password there would be shown and logged; use redis.user and redis.passwordEnv or redis.passwordFile"),
                bad("Kafka password property of the wrong type", prodEu(set("/kafka/properties/ssl.key.password", "12345")),
                        P + "kafka.properties.ssl.key.password must not be in the settings file; use kafka.secretEnv or kafka.secretFile"),
                bad("JAAS config with a password", prodEu(remove("/kafka/secretEnv"), setText("/kafka/properties/sasl.jaas.config",
                                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"console\" password=\"" + SECRET + "\";")),
                        P + "kafka.properties.sasl.jaas.config must not contain a password; use kafka.secretEnv or kafka.secretFile"),
                bad("JAAS config with an OAuth client secret", prodEu(remove("/kafka/secretEnv"), setText("/kafka/properties/sasl.jaas.config",
                                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=\"c\" clientSecret=\"" + SECRET + "\";")),
                        P + "kafka.properties.sasl.jaas.config must not contain a password; use kafka.secretEnv or kafka.secretFile"),
                bad("secret where its variable name belongs", prodEu(setText("/jdbc/passwordEnv", SECRET + "!")),
                        P + "jdbc.passwordEnv must be an environment variable name (letters, digits, '_', not starting with a digit)"),
                bad("secret where its file name belongs", prodEu(set("/redis/passwordFile", "12345")),
                        P + "redis.passwordFile must be a string, got a number"),
                bad("password from env and file", prodEu(setText("/jdbc/passwordFile", "/run/secrets/pg")),
                        P + "jdbc.passwordEnv and jdbc.passwordFile are exclusive; use one"),
                bad("blank password file", prodEu(setText("/redis/passwordFile", "")),
                        P + "redis.passwordFile must not be blank"),

                // names, types and the other values
                bad("duplicate profile names", withProfiles(
                                "{\"name\": \"lab\", \"type\": \"sandbox\"}", "{\"name\": \"lab\", \"type\": \"sandbox\", \"readOnly\": true}"),
                        "profile 'lab' is defined twice"),
                bad("bad profile name", prodEu(setText("/name", "Prod EU")),
                        "profile 'Prod EU': name must be lowercase letters, digits, '-' or '_', 1-40 characters, got 'Prod EU'"),
                bad("profile name too long", withProfiles("{\"name\": \"" + "a".repeat(41) + "\", \"type\": \"sandbox\"}"),
                        "profile '" + "a".repeat(41) + "': name must be lowercase letters, digits, '-' or '_', 1-40 characters, got '" + "a".repeat(41) + "'"),
                bad("bad type", prodEu(setText("/type", "cluster")),
                        P + "type must be \"sandbox\" or \"external\", got 'cluster'"),
                bad("external profile named sandbox", prodEu(setText("/name", "sandbox")),
                        "profile 'sandbox': type must be \"sandbox\" for the profile named 'sandbox'",
                        "profile 'sandbox' is defined twice"),
                bad("connection keys on a sandbox", withProfiles("{\"name\": \"sandbox\", \"type\": \"sandbox\", \"jdbc\": {}}"),
                        "profile 'sandbox': jdbc is not allowed for type \"sandbox\""),
                bad("wrong type: readOnly", prodEu(setText("/readOnly", "yes")),
                        P + "readOnly must be true or false, got a string"),
                bad("wrong type: topic", prodEu(set("/topic", "42")),
                        P + "topic must be a string, got 42"),
                bad("wrong type: protectedEnvs", prodEu(setText("/protectedEnvs", "prod")),
                        P + "protectedEnvs must be an array of strings, got a string"),
                bad("a section written as a URI with its password", prodEu(setText("/redis", "rediss://:s3cret@cache:6380")),
                        P + "redis must be an object, got a string"),
                bad("a section written as an array of secrets", prodEu(set("/jdbc", "[\"jdbc:postgresql://u:s3cret@db/r\"]")),
                        P + "jdbc must be an object, got an array"),
                bad("wrong type: jdbc", prodEu(set("/jdbc", "[]")),
                        P + "jdbc must be an object, got []"),
                bad("bad topic", prodEu(setText("/topic", "route events")),
                        P + "topic must be 1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (not '.' or '..'), got 'route events'"),
                bad("topic '..'", prodEu(setText("/topic", "..")),
                        P + "topic must be 1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (not '.' or '..'), got '..'"),
                bad("topic too long", prodEu(setText("/topic", "t".repeat(250))),
                        P + "topic must be 1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (not '.' or '..'), got '" + "t".repeat(80) + "...'"),
                bad("blank consumer group", prodEu(setText("/consumerGroup", " ")),
                        P + "consumerGroup must be 1-249 printable ASCII characters without spaces, got ' '"),
                bad("protected env not a DNS label", prodEu(set("/protectedEnvs", "[\"prod\", \"Staging\"]")),
                        P + "protectedEnvs must be lowercase DNS labels ([a-z0-9], inner '-', at most 63 characters), got 'Staging'"),
                bad("protected env twice", prodEu(set("/protectedEnvs", "[\"prod\", \"prod\"]")),
                        P + "protectedEnvs lists 'prod' twice"),
                bad("operator user with a space", prodEu(setText("/user", "alice smith")),
                        P + "user must be 1-64 characters without spaces, got 'alice smith'"),
                bad("bad lastProfile", "{\"lastProfile\": \"Prod\"}",
                        "lastProfile must be lowercase letters, digits, '-' or '_', 1-40 characters, got 'Prod'"),

                // the file as a whole
                bad("bad JSON", "{\"profiles\": [\n  {\"name\": \"lab\",}\n]}",
                        "bad JSON at line 2, column 18: Unexpected character ('}' (code 125)): was expecting double-quote to start field name"),
                bad("duplicate JSON key", "{\"profiles\": [],\n \"profiles\": []}",
                        "bad JSON at line 2, column 12: Duplicate field 'profiles'"),
                bad("unquoted secret", "{\"profiles\": [{\"name\": \"x\", \"jdbc\": {\"password\": " + SECRET + "}}]}",
                        "bad JSON at line 1, column 58: Unrecognized token (text needs double quotes): was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                bad("unquoted secret in an array", "{\"profiles\": [" + SECRET + "]}",
                        "bad JSON at line 1, column 23: Unrecognized token (text needs double quotes): was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                bad("empty file", "",
                        "the settings file is empty; write {\"profiles\": []} or delete it"),
                bad("not an object", "[]",
                        "settings must be a JSON object, got []"),
                bad("profiles not an array", "{\"profiles\": {}}",
                        "profiles must be an array, got {}"),
                bad("profile not an object", "{\"profiles\": [\"prod\"]}",
                        "profiles[0] must be an object, got a string"));
    }

    private static Arguments bad(String name, String json, String... errors) {
        return Arguments.of(name, json, List.of(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsTheExactProblem(String name, String json, List<String> errors) {
        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> SettingsLoader.load(SettingsFiles.write(dir, json)));

        assertThat(e).as(name).isNotNull();
        assertThat(e.errors()).containsExactlyElementsOf(errors);
        assertThat(e.getMessage()).isEqualTo(String.join("\n", errors)).doesNotContain(SECRET);
    }

    @Test
    void reportsEveryProblemOfTheFileAtOnce() {
        String json = withProfiles(
                "{\"name\": \"lab\", \"type\": \"sandbox\", \"readOnly\": \"no\"}",
                "{\"name\": \"eu\", \"type\": \"external\", \"jdbc\": {\"url\": \"jdbc:postgresql://db/routes\", \"user\": \"u\"},"
                        + " \"kafka\": {\"bootstrap\": \"broker1\"}, \"redis\": {\"uri\": \"redis://cache:6379\", \"pasword\": 1}}");

        SettingsException e = catchThrowableOfType(SettingsException.class,
                () -> SettingsLoader.load(SettingsFiles.write(dir, json)));

        assertThat(e.errors()).containsExactly(
                "profile 'lab': readOnly must be true or false, got a string",
                "profile 'eu': kafka.bootstrap must be host:port[,host:port...], got 'broker1'",
                "profile 'eu': unknown key 'redis.pasword'");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.errors()));
    }
}
