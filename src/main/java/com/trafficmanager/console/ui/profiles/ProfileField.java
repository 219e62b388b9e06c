package com.trafficmanager.console.ui.profiles;

import com.trafficmanager.console.config.ProfileForm;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The text fields of the profile editor: the label an operator reads, the settings-file key the
 * validator reports problems under, and where the value lives in a {@link ProfileForm}.
 */
enum ProfileField {
    NAME("Name", "name", ProfileForm::name),
    JDBC_URL("JDBC URL", "jdbc.url", ProfileForm::jdbcUrl),
    JDBC_USER("JDBC user", "jdbc.user", ProfileForm::jdbcUser),
    JDBC_PASSWORD_ENV("Password: variable", "jdbc.passwordEnv", ProfileForm::jdbcPasswordEnv),
    JDBC_PASSWORD_FILE("Password: file", "jdbc.passwordFile", ProfileForm::jdbcPasswordFile),
    KAFKA_BOOTSTRAP("Kafka bootstrap", "kafka.bootstrap", ProfileForm::kafkaBootstrap),
    KAFKA_PROPERTIES("Kafka properties", "kafka.properties", ProfileForm::kafkaProperties),
    KAFKA_SECRET_ENV("Kafka secrets: variables", "kafka.secretEnv", ProfileForm::kafkaSecretEnv),
    KAFKA_SECRET_FILE("Kafka secrets: files", "kafka.secretFile", ProfileForm::kafkaSecretFile),
    REDIS_URI("Redis URI", "redis.uri", ProfileForm::redisUri),
    REDIS_USER("Redis ACL user", "redis.user", ProfileForm::redisUser),
    REDIS_PASSWORD_ENV("Password: variable", "redis.passwordEnv", ProfileForm::redisPasswordEnv),
    REDIS_PASSWORD_FILE("Password: file", "redis.passwordFile", ProfileForm::redisPasswordFile),
    TOPIC("Topic", "topic", ProfileForm::topic),
    CONSUMER_GROUP("Consumer group", "consumerGroup", ProfileForm::consumerGroup),
    PROTECTED_ENVS("Protected envs", "protectedEnvs", ProfileForm::protectedEnvs),
    USER("Operator name", "user", ProfileForm::user);

    static final List<String> KEYS = Arrays.stream(values()).map(f -> f.key).toList();

    final String label;
    final String key;
    final Function<ProfileForm, String> get;

    ProfileField(String label, String key, Function<ProfileForm, String> get) {
        this.label = label;
        this.key = key;
        this.get = get;
    }

    /** Fields that only an external profile has. */
    boolean connection() {
        return key.startsWith("jdbc.") || key.startsWith("kafka.") || key.startsWith("redis.");
    }

    /** Fields that take one {@code name=value} per line. */
    boolean multiLine() {
        return this == KAFKA_PROPERTIES || this == KAFKA_SECRET_ENV || this == KAFKA_SECRET_FILE;
    }
}
