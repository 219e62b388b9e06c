package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.trafficmanager.console.audit.AuditCsvExport;
import com.trafficmanager.console.audit.AuditFilter;
import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.testing.TestSandbox;
import com.trafficmanager.console.testing.ValidProfiles;
import com.trafficmanager.console.testing.WritePathFixture;
import com.trafficmanager.console.ui.common.ErrorDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Passwords never reach the log file, the settings file, the error dialog's text or an exported file.
 * One unique secret value is given to a profile through the environment (JDBC and Redis passwords and
 * the Kafka JAAS line); the paths that handle it run for real against the sandbox (a failed connect,
 * a connection test, a session that writes, saving the settings, exporting the audit log); then every
 * output is searched for the value. Logging runs at DEBUG into a file of this test.
 */
class SecretsNeverLeakTest {
    private final String secret = "s3cr3t-" + UUID.randomUUID();
    private final Map<String, String> env = Map.of("TC_LEAK_PG", secret, "TC_LEAK_REDIS", secret,
            "TC_LEAK_JAAS", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"console\" "
                    + "password=\"" + secret + "\";");
    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Map<String, Level> levels = new HashMap<>();
    private FileAppender<ILoggingEvent> file;

    @TempDir
    Path dir;

    @BeforeEach
    void logEverythingToAFile() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logging);
        encoder.setPattern("%d %-5level [%thread] %logger - %msg%n%ex");
        encoder.start();
        file = new FileAppender<>();
        file.setContext(logging);
        file.setFile(dir.resolve("logs/console.log").toString());
        file.setEncoder(encoder);
        file.start();
        logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(file);
        for (String name : List.of("com.trafficmanager", "com.zaxxer.hikari", "org.apache.kafka", "org.postgresql", "redis")) {
            Logger logger = logging.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(name.equals("org.apache.kafka") ? Level.INFO : Level.DEBUG);
        }
    }

    @AfterEach
    void restoreLogging() {
        logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(file);
        file.stop();
        levels.forEach((name, level) -> logging.getLogger(name).setLevel(level));
    }

    private Profile profile(String name, String jdbcUrl, String kafkaProps, String kafkaSecretEnv) {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        ProfileForm form = new ProfileForm(name, true, jdbcUrl, e.jdbcUser(), "TC_LEAK_PG", "", e.kafkaBootstrap(),
                kafkaProps, kafkaSecretEnv, "", e.redisUri(), "", "TC_LEAK_REDIS", "", e.topic(), "", "prod", false, "");
        return ValidProfiles.of(dir, form);
    }

    @Test
    void noOutputCarriesThePassword() throws Exception {
        SandboxEndpoints e = TestSandbox.shared().endpoints();
        String sasl = "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN";
        Profile unreachable = profile("unreachable", "jdbc:postgresql://127.0.0.1:1/traffic", sasl, "sasl.jaas.config=TC_LEAK_JAAS");
        Profile sandboxWithSecrets = profile("writer", e.jdbcUrl(), "", "");

        // a connect attempt that fails, and the dialog that would show it
        Throwable failed = catchThrowable(() -> SessionStarter.connect(unreachable, env, SandboxListener.NONE));
        assertThat(failed).isNotNull();
        String dialog = ErrorDialogs.text(failed);

        // the connection test: PostgreSQL refused, Kafka with a JAAS line the broker does not speak, Redis
        // refusing a password it does not have
        List<ConnectionTester.Result> tested = new ConnectionTester(Duration.ofSeconds(5)).test(unreachable, env);
        assertThat(tested).noneMatch(ConnectionTester.Result::ok);

        // a session that connects with the password and writes, then the audit log export
        Path csv = dir.resolve("export/audit.csv");
        String tenant = WritePathFixture.uniqueTenant("leak");
        try (ConsoleSession session = ConsoleSession.open(ConnectionTargets.external(sandboxWithSecrets, env))) {
            session.routes().create(new RouteKey(tenant, "svc", "prod", "v1"), "https://svc.example.com", session.operator());
            new AuditCsvExport(new AuditLog(session.database().dataSource()))
                    .export(AuditFilter.ALL.withTenant(tenant), csv, (d, t) -> { }, new AuditCsvExport.Cancellation());
        }
        assertThat(Files.readString(csv)).contains(tenant);

        // saving the settings
        SettingsStore store = new SettingsStore(dir.resolve("config/settings.json"));
        store.save(Settings.EMPTY, new Settings(List.of(unreachable, sandboxWithSecrets), Optional.empty()));
        assertThat(store.load().profiles()).containsExactly(unreachable, sandboxWithSecrets);

        file.stop();
        String log = Files.readString(dir.resolve("logs/console.log"));
        assertThat(log).as("the log file").contains("unreachable").isNotEmpty();
        assertThat(log).as("the log file").doesNotContain(secret);
        assertThat(Files.readString(store.file())).as("the settings file").doesNotContain(secret).contains("TC_LEAK_PG");
        assertThat(Files.readString(csv)).as("the CSV export").doesNotContain(secret);
        assertThat(dialog).as("the error dialog").contains("could not").doesNotContain(secret);
        assertThat(tested.toString()).as("the connection test").doesNotContain(secret);
    }
}
