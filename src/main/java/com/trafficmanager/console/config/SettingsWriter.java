package com.trafficmanager.console.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The whole settings model as the text of {@code settings.json}: {@code lastProfile}, then the
 * profiles in order (see {@link ProfileJson}). The text is read back before it is returned, and must
 * give the very same settings: a writer that would change what the file means refuses instead.
 */
final class SettingsWriter {
    private SettingsWriter() {
    }

    static byte[] write(Settings settings, Path settingsDir) {
        ObjectNode root = SettingsLoader.JSON.createObjectNode();
        settings.lastProfile().ifPresent(name -> root.put("lastProfile", name));
        ArrayNode profiles = root.putArray("profiles");
        settings.profiles().forEach(p -> profiles.add(ProfileJson.toJson(p, settingsDir)));
        byte[] bytes;
        try {
            bytes = (SettingsLoader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the settings as JSON", e);
        }
        Settings reread;
        try {
            reread = SettingsLoader.parse(bytes, settingsDir);
        } catch (SettingsException e) {
            throw new IllegalStateException("the settings would not load back: " + e.getMessage(), e);
        }
        if (!reread.equals(settings)) {
            throw new IllegalStateException("the settings would load back differently; nothing written");
        }
        return bytes;
    }
}
