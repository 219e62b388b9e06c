package com.trafficmanager.console.ui.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile editor as an operator uses it, without a toolkit: type, read the inline messages, test, save. */
class ProfileEditorModelTest {
    private static final String SECRET = "hunter2-Secret!";
    private static final String NOT_SHOWN = "must name an existing file: the file it names does not exist"
            + " (not shown: a name without a directory may be the secret itself)";

    @TempDir
    Path dir;

    private final AtomicInteger saved = new AtomicInteger();

    private ProfileEditorModel editor(SettingsStore store) throws Exception {
        return new ProfileEditorModel(store, store.load(), new ConnectionTester(Duration.ofSeconds(12)),
                Map.of("TC_PG_PW", "unused"), Runnable::run, Runnable::run, saved::incrementAndGet);
    }

    /** Every text the editor shows but the fields' own values: the errors, the general line, the message. */
    private static String shown(ProfileEditorModel m) {
        StringBuilder text = new StringBuilder(m.messageProperty().get()).append('\n').append(m.generalErrorProperty().get());
        for (ProfileField f : ProfileField.values()) {
            text.append('\n').append(m.error(f).get());
        }
        return text.toString();
    }

    @Test
    void invalidValuesShowTheirMessagesAsTheOperatorTypes() throws Exception {
        ProfileEditorModel m = editor(new SettingsStore(dir.resolve("settings.json")));
        m.add();
        assertThat(m.formValidProperty().get()).isFalse(); // the JDBC user is empty
        assertThat(m.error(ProfileField.JDBC_USER).get()).isEqualTo("must not be blank");

        m.value(ProfileField.JDBC_USER).set("console");
        assertThat(m.error(ProfileField.JDBC_USER).get()).isEmpty();
        assertThat(m.formValidProperty().get()).isTrue();

        m.value(ProfileField.KAFKA_BOOTSTRAP).set("broker1");
        assertThat(m.error(ProfileField.KAFKA_BOOTSTRAP).get()).isEqualTo("must be host:port[,host:port...], got 'broker1'");
        m.value(ProfileField.KAFKA_PROPERTIES).set("security.protocol=SSL\nsasl.jaas.config=x password=\"p\";");
        assertThat(m.error(ProfileField.KAFKA_PROPERTIES).get())
                .isEqualTo("sasl.jaas.config must not contain a password; use kafka.secretEnv or kafka.secretFile");
        m.value(ProfileField.JDBC_PASSWORD_ENV).set("my secret");
        assertThat(m.error(ProfileField.JDBC_PASSWORD_ENV).get()).startsWith("must be an environment variable name");
        m.value(ProfileField.NAME).set("Bad Name");
        assertThat(m.error(ProfileField.NAME).get()).startsWith("must be lowercase letters");
        assertThat(m.names()).containsExactly("Bad Name");
        assertThat(m.formValidProperty().get()).isFalse();

        m.save();
        assertThat(m.messageProperty().get()).isEqualTo("Profile 'Bad Name' has problems; fix them to save");
        assertThat(Files.exists(dir.resolve("settings.json"))).isFalse();
    }

    @Test
    void aProfileAddedTestedAndSavedReloadsIdentically() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ProfileEditorModel m = editor(store);
        SandboxEndpoints sandbox = TestSandbox.shared().endpoints();
        m.add();
        m.value(ProfileField.NAME).set("staging");
        m.value(ProfileField.JDBC_URL).set(sandbox.jdbcUrl());
        m.value(ProfileField.JDBC_USER).set(sandbox.jdbcUser());
        m.value(ProfileField.JDBC_PASSWORD_ENV).set("TC_PG_PW");
        m.value(ProfileField.KAFKA_BOOTSTRAP).set(sandbox.kafkaBootstrap());
        m.value(ProfileField.KAFKA_PROPERTIES).set("client.dns.lookup=use_all_dns_ips\nrequest.timeout.ms=15000");
        m.value(ProfileField.REDIS_URI).set(sandbox.redisUri());
        m.value(ProfileField.PROTECTED_ENVS).set("prod, staging");
        m.readOnlyProperty().set(true);
        m.value(ProfileField.USER).set("ops-bot");
        assertThat(m.formValidProperty().get()).isTrue();

        m.testConnection();
        assertThat(m.testResults()).extracting(ConnectionTester.Result::ok).containsExactly(true, true, true);
        assertThat(m.messageProperty().get()).isEqualTo("All three servers answer");

        m.save();
        assertThat(m.messageProperty().get()).startsWith("Saved 1 profile(s) to ");
        assertThat(saved.get()).isEqualTo(1);
        assertThat(m.dirtyProperty().get()).isFalse();

        Settings reloaded = store.load();
        Profile p = reloaded.profile("staging").orElseThrow();
        assertThat(p.readOnly()).isTrue();
        assertThat(p.protectedEnvs()).containsExactly("prod", "staging");
        assertThat(p.user()).contains("ops-bot");
        assertThat(p.connection().orElseThrow().kafka().properties())
                .containsEntry("request.timeout.ms", "15000").containsEntry("client.dns.lookup", "use_all_dns_ips");
        assertThat(Files.readString(store.file())).contains("\"passwordEnv\" : \"TC_PG_PW\"").doesNotContain("unused");

        // opened again, unchanged and saved again: the same settings
        ProfileEditorModel again = editor(store);
        assertThat(again.value(ProfileField.NAME).get()).isEqualTo("staging");
        assertThat(again.dirtyProperty().get()).isFalse();
        again.readOnlyProperty().set(false);
        again.readOnlyProperty().set(true);
        again.save();
        assertThat(store.load()).isEqualTo(reloaded);

        again.remove();
        again.save();
        assertThat(store.load().profiles()).isEmpty();
    }

    @Test
    void aSecretTypedIntoThePasswordFileFieldIsRefusedOnSaveWithoutBeingShownOrWritten() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ProfileEditorModel m = editor(store);
        m.add();
        m.value(ProfileField.NAME).set("staging");
        m.value(ProfileField.JDBC_USER).set("console");
        m.value(ProfileField.JDBC_PASSWORD_FILE).set(SECRET);
        assertThat(m.formValidProperty().get()).as("any text is a valid relative path").isTrue();

        m.save();

        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get()).isEqualTo(NOT_SHOWN);
        assertThat(m.messageProperty().get()).isEqualTo("Profile 'staging' has problems; fix them to save");
        assertThat(shown(m)).doesNotContain(SECRET);
        assertThat(Files.exists(store.file())).as("nothing written").isFalse();
        assertThat(saved.get()).isZero();
        assertThat(m.dirtyProperty().get()).isTrue();
        assertThat(m.busyProperty().get()).isFalse();

        // the error stays while the field holds that text, whatever else is edited
        m.value(ProfileField.TOPIC).set("route-events-staging");
        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get()).isEqualTo(NOT_SHOWN);

        // a path with a directory is what the operator meant: quoted
        m.value(ProfileField.JDBC_PASSWORD_FILE).set("secrets/pg.pass");
        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get()).as("looked for on Save only").isEmpty();
        m.save();
        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get())
                .isEqualTo("must name an existing file: " + dir.resolve("secrets/pg.pass") + " does not exist");
        assertThat(Files.exists(store.file())).isFalse();

        // once the file exists, Save writes its path, never a value
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pg.pass"), "pg-pw\n");
        m.save();
        assertThat(m.messageProperty().get()).startsWith("Saved 1 profile(s) to ");
        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get()).isEmpty();
        assertThat(Files.readString(store.file())).contains("\"passwordFile\" : \"secrets/pg.pass\"")
                .doesNotContain(SECRET).doesNotContain("pg-pw");
    }

    @Test
    void aSecretTypedIntoAFileFieldLeavesTheSettingsFileAsItWasButAFileItAlreadyNamesIsNotRequired() throws Exception {
        // written by hand: its Redis password file is not there yet (mounted only when needed, say)
        Path file = dir.resolve("settings.json");
        Files.writeString(file, """
                {"profiles": [{"name": "staging", "type": "external",
                  "jdbc": {"url": "jdbc:postgresql://localhost:5432/routes", "user": "console"},
                  "kafka": {"bootstrap": "localhost:9092"},
                  "redis": {"uri": "redis://localhost:6379", "passwordFile": "mounted-later/redis.pass"}}]}
                """);
        byte[] before = Files.readAllBytes(file);
        SettingsStore store = new SettingsStore(file);
        ProfileEditorModel m = editor(store);
        m.value(ProfileField.JDBC_PASSWORD_FILE).set(SECRET);
        m.value(ProfileField.KAFKA_SECRET_FILE).set("ssl.key.password=" + SECRET);
        assertThat(m.formValidProperty().get()).isTrue();

        m.save();

        assertThat(m.error(ProfileField.JDBC_PASSWORD_FILE).get()).isEqualTo(NOT_SHOWN);
        assertThat(m.error(ProfileField.KAFKA_SECRET_FILE).get()).isEqualTo("ssl.key.password " + NOT_SHOWN);
        assertThat(m.error(ProfileField.REDIS_PASSWORD_FILE).get()).as("already in the file").isEmpty();
        assertThat(m.messageProperty().get()).isEqualTo("Profile 'staging' has problems; fix them to save");
        assertThat(shown(m)).doesNotContain(SECRET);
        assertThat(Files.readAllBytes(file)).as("the settings file, unchanged").isEqualTo(before);
        assertThat(saved.get()).isZero();

        // without the pasted secrets the profile saves, its Redis file still missing
        m.value(ProfileField.JDBC_PASSWORD_FILE).set("");
        m.value(ProfileField.KAFKA_SECRET_FILE).set("");
        m.value(ProfileField.TOPIC).set("route-events-staging");
        m.save();
        assertThat(m.messageProperty().get()).startsWith("Saved 1 profile(s) to ");
        assertThat(shown(m)).doesNotContain("must name an existing file");
        assertThat(Files.readString(file)).contains("\"passwordFile\" : \"mounted-later/redis.pass\"",
                "\"topic\" : \"route-events-staging\"").doesNotContain(SECRET);
    }

    @Test
    void aFailedTestSaysWhichServerAndWhy() throws Exception {
        ProfileEditorModel m = editor(new SettingsStore(dir.resolve("settings.json")));
        SandboxEndpoints sandbox = TestSandbox.shared().endpoints();
        m.add();
        m.value(ProfileField.JDBC_URL).set(sandbox.jdbcUrl());
        m.value(ProfileField.JDBC_USER).set(sandbox.jdbcUser());
        m.value(ProfileField.KAFKA_BOOTSTRAP).set(sandbox.kafkaBootstrap());
        m.value(ProfileField.TOPIC).set("absent-topic");
        m.value(ProfileField.REDIS_URI).set(sandbox.redisUri());
        m.testConnection();
        assertThat(m.testResults()).extracting(ConnectionTester.Result::ok).containsExactly(true, false, true);
        assertThat(m.testResults().get(1).detail()).endsWith("but topic 'absent-topic' does not exist");
        assertThat(m.messageProperty().get()).isEqualTo("1 of 3 servers failed");
    }

    @Test
    void aSecondSaveInTheSameEditorIsTakenAndAHandEditBetweenThemIsStillNotOverwritten() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ProfileEditorModel m = editor(store);
        m.add();
        m.value(ProfileField.NAME).set("staging");
        m.value(ProfileField.JDBC_USER).set("console");
        m.save();
        assertThat(m.messageProperty().get()).startsWith("Saved 1 profile(s)");

        m.value(ProfileField.TOPIC).set("route-events-staging");
        m.save();
        assertThat(m.messageProperty().get()).startsWith("Saved 1 profile(s)");
        assertThat(store.load().profile("staging").orElseThrow().topic()).isEqualTo("route-events-staging");

        // someone edits the file by hand: the editor's next save is refused, the hand edit stays
        Files.writeString(store.file(), Files.readString(store.file()).replace("route-events-staging", "by-hand"));
        m.value(ProfileField.TOPIC).set("route-events-2");
        m.save();
        assertThat(m.messageProperty().get()).startsWith("Not saved: ").contains("was changed by someone else");
        assertThat(store.load().profile("staging").orElseThrow().topic()).isEqualTo("by-hand");
    }

    @Test
    void aTestThatAnswersAfterTheOperatorMovedToAnotherProfileDoesNotShowItsResultsThere() throws Exception {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ProfileEditorModel m = new ProfileEditorModel(store, store.load(), new ConnectionTester(Duration.ofSeconds(12)),
                Map.of(), queued::add, Runnable::run, saved::incrementAndGet);
        SandboxEndpoints sandbox = TestSandbox.shared().endpoints();
        m.add();
        m.value(ProfileField.NAME).set("tested");
        m.value(ProfileField.JDBC_URL).set(sandbox.jdbcUrl());
        m.value(ProfileField.JDBC_USER).set(sandbox.jdbcUser());
        m.value(ProfileField.KAFKA_BOOTSTRAP).set(sandbox.kafkaBootstrap());
        m.value(ProfileField.REDIS_URI).set(sandbox.redisUri());
        m.add(); // a second profile, now shown
        m.select(0);
        m.testConnection();
        m.select(1);
        queued.remove(0).run(); // the test of 'tested' answers now

        assertThat(m.testResults()).isEmpty();
        assertThat(m.messageProperty().get())
                .isEqualTo("Test of 'tested': all three servers answer (test it again to see the details)");
        assertThat(m.busyProperty().get()).isFalse();
    }

    @Test
    void theBlankProfileOfAFirstOpenIsNotAChangeUntilTheOperatorEditsIt() throws Exception {
        ProfileEditorModel m = editor(new SettingsStore(dir.resolve("settings.json")));
        m.startWithABlankProfile();
        assertThat(m.names()).containsExactly("new-profile");
        assertThat(m.dirtyProperty().get()).as("closing now asks nothing").isFalse();
        m.value(ProfileField.JDBC_USER).set("console");
        assertThat(m.dirtyProperty().get()).isTrue();
    }

    @Test
    void editsMadeWhileASaveRunsStayToBeSavedAndARemoveThenThrowsNothing() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        java.util.List<Runnable> saving = new java.util.ArrayList<>();
        ProfileEditorModel m = new ProfileEditorModel(store, store.load(), new ConnectionTester(Duration.ofSeconds(12)),
                Map.of(), saving::add, Runnable::run, saved::incrementAndGet);
        m.add();
        m.value(ProfileField.JDBC_USER).set("console");
        m.add();
        m.value(ProfileField.JDBC_USER).set("console");
        m.save();
        m.value(ProfileField.JDBC_USER).set("console-2"); // typed while the file is written
        saving.remove(0).run();
        assertThat(saved.get()).isEqualTo(1);
        assertThat(m.dirtyProperty().get()).as("the edit is not in the file").isTrue();
        assertThat(m.messageProperty().get()).endsWith("; the changes made while saving are not saved yet");
        assertThat(store.load().profiles()).extracting(p -> p.connection().orElseThrow().jdbc().user()).containsExactly("console", "console");

        m.save();
        m.remove(); // removed while the file is written
        saving.remove(0).run();
        assertThat(m.names()).containsExactly("new-profile");
        assertThat(m.dirtyProperty().get()).isTrue();
        m.save();
        saving.remove(0).run();
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(store.load().profiles()).extracting(Profile::name).containsExactly("new-profile");
    }
}
