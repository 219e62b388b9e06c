package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving the whole model: atomic, references only, and a saved profile reloads identically. */
class SettingsSaveTest {
    @TempDir
    Path dir;

    @Test
    void savedSettingsReloadIdenticallyWithSecretsAsReferences() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);
        SettingsStore store = new SettingsStore(file);
        Settings loaded = store.load();
        Profile prod = loaded.profile("prod-eu").orElseThrow();
        ProfileForm form = ProfileForm.of(prod, dir);
        Profile copy = new ProfileValidator(dir).check(
                new ProfileForm("prod-us", form.external(), form.jdbcUrl(), form.jdbcUser(), form.jdbcPasswordEnv(),
                        form.jdbcPasswordFile(), form.kafkaBootstrap(), form.kafkaProperties(), form.kafkaSecretEnv(),
                        form.kafkaSecretFile(), form.redisUri(), form.redisUser(), form.redisPasswordEnv(),
                        form.redisPasswordFile(), "route-events-us", form.consumerGroup(), "prod", false, ""),
                List.of("sandbox", "prod-eu")).profile().orElseThrow();
        List<Profile> profiles = new ArrayList<>(loaded.profiles());
        profiles.add(copy);

        store.save(loaded, new Settings(profiles, Optional.empty()));

        Settings reloaded = store.load();
        assertThat(reloaded.profiles()).containsExactlyElementsOf(profiles);
        assertThat(reloaded.lastProfile()).contains("prod-eu"); // the console's own, kept
        String text = Files.readString(file);
        assertThat(text).contains("\"passwordEnv\" : \"PG_PASSWORD\"", "\"passwordFile\" : \"secrets/redis.pass\"",
                "\"sasl.jaas.config\" : \"KAFKA_JAAS\"");
        assertThat(SettingsFiles.tree(file).at("/profiles/2/topic").asText()).isEqualTo("route-events-us");
        assertThat(SettingsFiles.tree(file).at("/profiles/2/readOnly").isMissingNode()).isTrue(); // default left out
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(file, file.resolveSibling(".settings.json.lock")); // no temporary file left
        }
    }

    @Test
    void aProfileOpenedInTheEditorAndSavedUnchangedIsTheSameProfile() throws Exception {
        Settings loaded = SettingsLoader.load(SettingsFiles.write(dir, SettingsFiles.VALID));
        for (Profile p : loaded.profiles()) {
            var check = new ProfileValidator(dir).check(ProfileForm.of(p, dir), List.of());
            assertThat(check.messages()).isEmpty();
            assertThat(check.profile()).contains(p);
        }
    }

    @Test
    void removingAProfileWritesTheRest() throws Exception {
        SettingsStore store = new SettingsStore(SettingsFiles.write(dir, SettingsFiles.VALID));
        Settings loaded = store.load();
        store.save(loaded, new Settings(List.of(loaded.profile("sandbox").orElseThrow()), Optional.empty()));
        assertThat(store.load().profiles()).extracting(Profile::name).containsExactly("sandbox");
    }

    @Test
    void aFileChangedSinceTheEditorOpenedIsNotOverwritten() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);
        SettingsStore store = new SettingsStore(file);
        Settings basis = store.load();
        String byHand = SettingsFiles.prodEu(SettingsFiles.setText("/topic", "edited-by-hand"));
        Files.writeString(file, byHand);

        assertThatThrownBy(() -> store.save(basis, Settings.EMPTY))
                .isInstanceOf(SettingsException.class).hasMessageContaining("was changed by someone else");
        assertThat(Files.readString(file)).isEqualTo(byHand);
    }

    @Test
    void aNewFileIsCreatedWhereNoneWas() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub/settings.json"));
        Profile sandbox = Profile.sandbox();
        store.save(Settings.EMPTY, new Settings(List.of(sandbox), Optional.empty()));
        assertThat(store.load().profiles()).containsExactly(sandbox);
    }
}
