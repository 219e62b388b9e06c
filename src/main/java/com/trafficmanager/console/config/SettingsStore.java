package com.trafficmanager.console.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings file of one user: loads it, remembers the profile chosen last, and saves the profiles
 * edited in the console ({@link #save}).
 *
 * <p>Remembering changes only {@code lastProfile}: the rest of the file is written back as the
 * operator wrote it (same keys, same order, no defaults filled in), so a hand-edited file stays
 * theirs. A file with a problem is never rewritten, which also means that a secret pasted into it
 * by mistake is never written again by the console. The write is atomic (see {@link AtomicFiles}).
 *
 * <p>{@link #save} writes the whole model (see {@link SettingsWriter}): hand-made formatting and key
 * order are not kept then, but the meaning is, and only references to secrets are written.
 *
 * <p>Both writes read the file and write it back under a {@link FileWriteLock}, so two consoles of one
 * user (or two stores in one console) never write over each other's change. Hazard: an edit made by
 * hand (an editor takes no lock) between the read and the write of {@link #rememberLastProfile} is lost;
 * the window is a few milliseconds after the operator picks a profile.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** See {@link SettingsLoader#load}. */
    public Settings load() throws SettingsException {
        return SettingsLoader.load(file);
    }

    /**
     * Writes {@code lastProfile} into the file (creating it, with no profiles, if there is none).
     *
     * @param name a profile of {@link Settings#choices()}
     * @return the settings as they are now in the file
     * @throws SettingsException    if the file has a problem; it is left as it is
     * @throws IOException          if the file cannot be written
     * @throws IllegalArgumentException if no profile has this name
     */
    public Settings rememberLastProfile(String name) throws SettingsException, IOException {
        try (FileWriteLock ignored = FileWriteLock.of(file)) {
            return rememberLastProfileLocked(name);
        }
    }

    private Settings rememberLastProfileLocked(String name) throws SettingsException, IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            bytes = null;
        }
        Settings current = bytes == null ? Settings.EMPTY : SettingsLoader.parse(bytes, file.toAbsolutePath().getParent());
        if (current.profile(name).isEmpty()) {
            throw new IllegalArgumentException("no profile named '" + name + "'");
        }
        if (current.lastProfile().filter(name::equals).isPresent()) {
            return current;
        }
        ObjectNode root = SettingsLoader.JSON.createObjectNode();
        root.put("lastProfile", name);
        if (bytes == null) {
            root.putArray("profiles");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = SettingsLoader.JSON.readTree(bytes).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("lastProfile")) {
                    root.set(field.getKey(), field.getValue());
                }
            }
        }
        String text = SettingsLoader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        LOG.info("remembered profile '{}' in {}", name, file);
        return current.withLastProfile(name);
    }

    /**
     * Writes the whole settings atomically, if the file still holds what the editor started from.
     *
     * @param basis   the settings the edit started from (as loaded); the save is refused when the
     *                file has changed since, so that an edit made by hand or by another console is
     *                not overwritten unseen
     * @param updated the settings to write
     * @return the settings as written, read back: what the next save compares the file with
     * @throws SettingsException if the file changed since {@code basis} or no longer loads
     * @throws IOException       if the file cannot be written
     */
    public Settings save(Settings basis, Settings updated) throws SettingsException, IOException {
        try (FileWriteLock ignored = FileWriteLock.of(file)) {
            return saveLocked(basis, updated);
        }
    }

    private Settings saveLocked(Settings basis, Settings updated) throws SettingsException, IOException {
        Settings current = load();
        if (!sameProfiles(current, basis)) {
            throw new SettingsException(file + " was changed by someone else since the editor opened it; "
                    + "close the editor and open it again to see the changes");
        }
        Settings toWrite = new Settings(updated.profiles(), current.lastProfile());
        Path dir = file.toAbsolutePath().getParent();
        byte[] bytes = SettingsWriter.write(toWrite, dir);
        AtomicFiles.write(file, bytes);
        LOG.info("saved {} profile(s) to {}", toWrite.profiles().size(), file);
        return SettingsLoader.parse(bytes, dir);
    }

    /** lastProfile is left out: the console itself changes it when an operator connects. */
    private static boolean sameProfiles(Settings a, Settings b) {
        return a.profiles().equals(b.profiles());
    }
}
