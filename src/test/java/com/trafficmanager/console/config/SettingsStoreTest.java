package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void rememberingAProfileChangesOnlyLastProfile() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);
        SettingsStore store = new SettingsStore(file);
        Settings before = store.load();
        JsonNode treeBefore = SettingsFiles.tree(file);

        Settings returned = store.rememberLastProfile("sandbox");

        Settings after = store.load();
        assertThat(after).isEqualTo(returned).isEqualTo(before.withLastProfile("sandbox"));
        assertThat(after.profiles()).isEqualTo(before.profiles());
        ObjectNode treeAfter = (ObjectNode) SettingsFiles.tree(file);
        assertThat(treeAfter.get("lastProfile").textValue()).isEqualTo("sandbox");
        JsonNode restAfter = treeAfter.without("lastProfile");
        JsonNode restBefore = ((ObjectNode) treeBefore).without("lastProfile");
        assertThat(restAfter).isEqualTo(restBefore);
    }

    @Test
    void savedFileReloadsIdentically() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);
        SettingsStore store = new SettingsStore(file);
        Settings original = store.load();
        JsonNode originalTree = SettingsFiles.tree(file);

        store.rememberLastProfile("sandbox");
        store.rememberLastProfile("prod-eu");

        assertThat(store.load()).isEqualTo(original);
        assertThat(SettingsFiles.tree(file)).isEqualTo(originalTree);
        assertThat(Files.readString(file)).startsWith("{\n  \"lastProfile\" : \"prod-eu\",");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("settings.json", ".settings.json.lock");
        }
    }

    @Test
    void rememberingWithoutAFileCreatesOneWithNoProfiles() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("config/settings.json"));

        store.rememberLastProfile("sandbox");

        assertThat(store.load()).isEqualTo(Settings.EMPTY.withLastProfile("sandbox"));
        assertThat(SettingsFiles.tree(store.file()).get("profiles").isArray()).isTrue();
    }

    @Test
    void fileWithAProblemIsNeverRewritten() throws Exception {
        String bad = SettingsFiles.prodEu(SettingsFiles.setText("/jdbc/password", "hunter2"));
        Path file = SettingsFiles.write(dir, bad);
        SettingsStore store = new SettingsStore(file);

        assertThatThrownBy(() -> store.rememberLastProfile("sandbox"))
                .isInstanceOf(SettingsException.class)
                .hasMessage("profile 'prod-eu': jdbc.password must not be in the settings file; use jdbc.passwordEnv or jdbc.passwordFile");
        assertThat(Files.readString(file)).isEqualTo(bad);
    }

    @Test
    void unknownProfileIsRefused() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);

        assertThatThrownBy(() -> new SettingsStore(file).rememberLastProfile("prod-us"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no profile named 'prod-us'");
        assertThat(Files.readString(file)).isEqualTo(SettingsFiles.VALID);
    }

    @Test
    void symbolicLinkAndPermissionsSurvive() throws Exception {
        Path real = SettingsFiles.write(Files.createDirectories(dir.resolve("dotfiles")), SettingsFiles.VALID);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("settings.json"), real);

        new SettingsStore(link).rememberLastProfile("sandbox");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(SettingsLoader.load(real).lastProfile()).contains("sandbox");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real))).isEqualTo("rw-r-----");
    }

    @Test
    void aSaveAndARememberedProfileAtTheSameTimeNeverWriteOverEachOther() throws Exception {
        Path file = SettingsFiles.write(dir, SettingsFiles.VALID);
        SettingsStore editor = new SettingsStore(file); // the profile editor of one console
        SettingsStore picker = new SettingsStore(file); // the connection picker of another
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<String> lastRemembered = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger remembered = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        Thread remembering = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; !stop.get(); i++) {
                    String name = i % 2 == 0 ? "sandbox" : "prod-eu";
                    picker.rememberLastProfile(name);
                    lastRemembered.set(name);
                    remembered.incrementAndGet();
                }
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        remembering.start();
        String lastTopic = null;
        try {
            go.countDown();
            // both write at once: the picker has written at least once before the editor's saves begin
            while (remembered.get() == 0 && failed.get() == null) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 60; i++) {
                Settings basis = editor.load();
                lastTopic = "route-events-" + i;
                List<Profile> edited = new java.util.ArrayList<>();
                for (Profile p : basis.profiles()) {
                    edited.add(p.name().equals("prod-eu") ? new Profile(p.name(), p.kind(), p.connection(), lastTopic,
                            p.consumerGroup(), p.protectedEnvs(), p.readOnly(), p.user()) : p);
                }
                editor.save(basis, new Settings(edited, basis.lastProfile()));
            }
        } finally {
            stop.set(true);
            remembering.join();
        }
        assertThat(failed.get()).isNull();
        int remembers = remembered.get();
        assertThat(remembers).as("the picker wrote while the editor saved").isPositive();
        Settings end = editor.load();
        assertThat(end.profile("prod-eu").orElseThrow().topic()).as("the editor's last save").isEqualTo(lastTopic);
        assertThat(end.lastProfile()).as("the picker's last write, after %d", remembers).contains(lastRemembered.get());
    }
}
