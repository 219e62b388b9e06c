package com.trafficmanager.console.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.trafficmanager.console.kafka.KafkaClients;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** A misconfigured Kafka client property gives a message naming the setting of the settings file. */
class KafkaSettingsErrorsTest {
    private static final String JAAS_SECRET = "jaas-pw-7c1e";

    @Test
    void anInvalidValueNamesItsProperty() {
        ClientSettingsException e = catchThrowableOfType(ClientSettingsException.class,
                () -> KafkaSettingsErrors.check("prod-eu", "b1:9092", Map.of("security.protocol", "FOO")));
        assertThat(e.setting()).isEqualTo("kafka.properties.security.protocol");
        assertThat(e.getMessage()).startsWith("profile 'prod-eu': kafka.properties.security.protocol: ")
                .contains("FOO");
    }

    @Test
    void aNumberThatIsNotOneNamesItsProperty() {
        ClientSettingsException e = catchThrowableOfType(ClientSettingsException.class,
                () -> KafkaSettingsErrors.check("p", "b1:9092", Map.of("request.timeout.ms", "soon")));
        assertThat(e.getMessage()).startsWith("profile 'p': kafka.properties.request.timeout.ms: Invalid value soon");
    }

    @Test
    void aBrokenJaasLineFoundWhenTheClientIsBuiltNamesTheSecretSettingWithoutItsValue() {
        Map<String, String> props = Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"console\" password=\"" + JAAS_SECRET + "\""); // no closing semicolon
        KafkaException raw = catchThrowableOfType(KafkaException.class,
                () -> Admin.create(KafkaClients.adminProperties("127.0.0.1:9", props)).close());
        ClientSettingsException e = KafkaSettingsErrors.describe("prod-eu", props, raw);
        assertThat(e.getMessage()).startsWith("profile 'prod-eu': kafka.sasl.jaas.config (from kafka.secretEnv or kafka.secretFile): ")
                .doesNotContain(JAAS_SECRET);
    }

    @Test
    void wrappedConfigErrorsAndScrubbing() {
        Map<String, String> props = Map.of("ssl.keystore.password", "ks-pw-1", "sasl.jaas.config", "x password=\"jp-2\";");
        KafkaException wrapped = new KafkaException("Failed to construct kafka producer",
                new ConfigException("ssl.keystore.password", "ks-pw-1", "bad value ks-pw-1"));
        ClientSettingsException e = KafkaSettingsErrors.describe("p", props, wrapped);
        assertThat(e.setting()).isEqualTo("kafka.ssl.keystore.password (from kafka.secretEnv or kafka.secretFile)");
        assertThat(e.getMessage()).doesNotContain("ks-pw-1");
        assertThat(KafkaSettingsErrors.scrub("Login failed: password=\"other\" x", Map.of())).isEqualTo("Login failed: password=(hidden) x");
        assertThat(KafkaSettingsErrors.setting("bootstrap.servers", Map.of())).isEqualTo("kafka.bootstrap");
    }

    @Test
    void theProfilesPropertiesReachEveryKafkaClient() {
        Map<String, String> tls = Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/tc/trust.p12");
        assertThat(KafkaClients.producerProperties("b:9092", tls)).containsAllEntriesOf(tls);
        assertThat(KafkaClients.consumerProperties("b:9092", "g", tls)).containsAllEntriesOf(tls);
        assertThat(KafkaClients.adminProperties("b:9092", tls)).containsAllEntriesOf(tls);
    }
}
