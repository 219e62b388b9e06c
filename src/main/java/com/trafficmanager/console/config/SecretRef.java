package com.trafficmanager.console.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a secret lives: an environment variable or a file, never the settings file itself. The
 * reference is resolved only when a connection is opened, so a profile that is not used never needs
 * its secrets, and the value is held by the caller only as long as it needs it.
 *
 * <p>Hazard: {@link #resolve} returns the secret; never log it or put it in a message. This record
 * holds only the name of the variable or the path of the file, so its {@code toString} is safe.
 *
 * @param profile  the profile the secret belongs to, for messages
 * @param key      the setting it fills, e.g. {@code jdbc.password} or {@code kafka.sasl.jaas.config}
 * @param source   environment variable or file
 * @param location the variable name, or the absolute path of the file
 */
public record SecretRef(String profile, String key, Source source, String location) {
    private static final java.util.regex.Pattern CONVENTIONAL_ENV_NAME = java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_]*");

    private static final Logger LOG = LoggerFactory.getLogger(SecretRef.class);

    public enum Source { ENV, FILE }

    public SecretRef {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    public static SecretRef env(String profile, String key, String variable) {
        return new SecretRef(profile, key, Source.ENV, variable);
    }

    public static SecretRef file(String profile, String key, Path file) {
        return new SecretRef(profile, key, Source.FILE, file.toAbsolutePath().normalize().toString());
    }

    /**
     * The secret: the variable's value, or the file's text without its final line break (as written
     * by {@code echo secret > file}).
     *
     * @param env the environment, normally {@code System.getenv()}
     * @throws SettingsException naming the profile, the key and the missing variable or file
     */
    public String resolve(Map<String, String> env) throws SettingsException {
        String value = source == Source.ENV ? fromEnv(env) : fromFile();
        LOG.debug("profile '{}': {} read from {}", profile, key, this);
        return value;
    }

    private String fromEnv(Map<String, String> env) throws SettingsException {
        String value = env.get(location);
        if (value == null) {
            throw problem("environment variable " + variableShown() + " is not set");
        }
        if (value.isEmpty()) {
            throw problem("environment variable " + variableShown() + " is empty");
        }
        return value;
    }

    /**
     * The variable's name as messages show it: a conventional one (upper case, digits, underscores)
     * quoted, any other not, since a name with lower-case letters may be the secret itself, typed
     * where its name belongs (the loader takes it, as it is a valid name).
     */
    private String variableShown() {
        return CONVENTIONAL_ENV_NAME.matcher(location).matches() ? location
                : "named in the settings (not shown: with lower-case letters it may be the secret itself)";
    }

    private String fromFile() throws SettingsException {
        Path file = Path.of(location);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw problem("file " + location + " does not exist");
        } catch (AccessDeniedException e) {
            throw problem("file " + location + " is not readable");
        } catch (CharacterCodingException e) {
            throw problem("file " + location + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception names the file and the failure, never the content.
            throw problem("cannot read file " + location + ": " + e);
        }
        String value = stripFinalLineBreak(text);
        if (value.isEmpty()) {
            throw problem("file " + location + " is empty");
        }
        warnIfOthersCanRead(file);
        return value;
    }

    /**
     * Reads every secret, so that the operator learns of all missing ones at once.
     *
     * @return the secrets in the order of {@code refs}
     * @throws SettingsException naming every secret that cannot be read
     */
    static Map<SecretRef, String> resolveAll(Collection<SecretRef> refs, Map<String, String> env)
            throws SettingsException {
        Map<SecretRef, String> values = new LinkedHashMap<>();
        Problems problems = new Problems();
        for (SecretRef ref : refs) {
            try {
                values.put(ref, ref.resolve(env));
            } catch (SettingsException e) {
                problems.addAll(e.errors());
            }
        }
        problems.throwIfAny();
        return values;
    }

    static String stripFinalLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    private void warnIfOthersCanRead(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("profile '{}': {} file {} is readable by other users; chmod 600 it", profile, key, location);
            }
        } catch (IOException e) {
            LOG.debug("cannot read the permissions of {}", location, e);
        }
    }

    private SettingsException problem(String rule) {
        return new SettingsException("profile '" + profile + "': " + key + ": " + rule);
    }

    @Override
    public String toString() {
        return source == Source.ENV ? "env " + variableShown() : "file " + location;
    }
}
