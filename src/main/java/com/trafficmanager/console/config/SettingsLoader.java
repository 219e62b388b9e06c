package com.trafficmanager.console.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code settings.json} and checks all of it at once: the JSON is read as a tree and walked
 * key by key, so that every problem names its profile and key, an unknown key is an error rather
 * than silence, and the operator gets every problem of the file in one {@link SettingsException}.
 * A missing file is not a problem: it means no profiles, and the console uses the sandbox.
 *
 * <p>Secrets are not read here: a profile's secrets are read when it is used (see
 * {@link SecretRef#resolve}), so that a missing variable of one profile does not stop the others.
 *
 * <p>Hazard: strict JSON on purpose (no comments, no duplicate keys, nothing after the object):
 * {@link SettingsStore} rewrites the file, and would silently drop what a lenient reader accepted.
 */
public final class SettingsLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);
    private static final Set<String> TOP_KEYS = Set.of("lastProfile", "profiles");

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SettingsLoader() {
    }

    /**
     * The settings of the file, or {@link Settings#EMPTY} if there is no file.
     *
     * @throws SettingsException with every problem of the file, or why it cannot be read
     */
    public static Settings load(Path file) throws SettingsException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.info("no settings file at {}: only the sandbox profile", file);
            return Settings.EMPTY;
        } catch (IOException e) {
            throw new SettingsException("cannot read the settings file " + file + ": " + e);
        }
        Settings settings;
        try {
            settings = parse(bytes, file.toAbsolutePath().getParent());
        } catch (SettingsException e) {
            LOG.warn("settings file {} has {} problem(s):\n{}", file, e.errors().size(), e.getMessage());
            throw e;
        }
        LOG.info("settings file {}: {} profile(s), last profile {}", file, settings.profiles().size(),
                settings.lastProfile().orElse("(none)"));
        settings.lastProfile().filter(name -> settings.profile(name).isEmpty()).ifPresent(name ->
                LOG.warn("lastProfile '{}' names no profile of {}; starting with the sandbox", name, file));
        return settings;
    }

    /**
     * The settings of a file's content.
     *
     * @param settingsDir the directory relative secret file paths are resolved against
     */
    static Settings parse(byte[] bytes, Path settingsDir) throws SettingsException {
        JsonNode root = readTree(bytes);
        Problems problems = new Problems();
        if (!root.isObject()) {
            problems.add("settings must be a JSON object, got " + Section.show(root));
            problems.throwIfAny();
        }
        Section top = new Section(root, "", "", problems);
        Optional<String> lastProfile = top.string("lastProfile");
        if (lastProfile.isPresent() && !Rules.PROFILE_NAME.matcher(lastProfile.get()).matches()) {
            top.error("lastProfile", "must be " + Rules.PROFILE_NAME_RULE + ", got " + Section.quote(lastProfile.get()));
        }
        List<Profile> profiles = profiles(root.get("profiles"), problems, settingsDir);
        top.rejectUnknownKeys(TOP_KEYS);
        problems.throwIfAny();
        return new Settings(profiles, lastProfile);
    }

    private static List<Profile> profiles(JsonNode array, Problems problems, Path settingsDir) {
        List<Profile> profiles = new ArrayList<>();
        if (array == null) {
            return profiles;
        }
        if (!array.isArray()) {
            problems.add("profiles must be an array, got " + Section.show(array));
            return profiles;
        }
        ProfileReader reader = new ProfileReader(problems, settingsDir, Path.of(System.getProperty("user.home")));
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            ProfileReader.nameOf(entry).ifPresent(name -> counts.merge(name, 1, Integer::sum));
            reader.read(entry, i).ifPresent(profiles::add);
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                problems.add("profile " + Section.quote(name) + " is defined " + (count == 2 ? "twice" : count + " times"));
            }
        });
        return profiles;
    }

    private static JsonNode readTree(byte[] bytes) throws SettingsException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson quotes an unquoted word it cannot read, which may be a password typed in.
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip()
                    .replaceFirst("^Unrecognized token '.*?': ", "Unrecognized token (text needs double quotes): ");
            throw new SettingsException("bad JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + reason);
        } catch (IOException e) {
            throw new SettingsException("cannot read the settings file: " + e);
        }
        if (root == null || root.isMissingNode()) {
            throw new SettingsException("the settings file is empty; write {\"profiles\": []} or delete it");
        }
        return root;
    }
}
