package com.trafficmanager.console.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * holds only the name of the variable or the path of the file, and even those are shown only when
 * {@link #locationShown}: an operator may have typed the secret itself where its name or path belongs,
 * and the loader takes it (it is a valid name, or a valid relative path). Its {@code toString} and its
 * messages follow that rule, so they are safe to show and log.
 *
 * @param profile       the profile the secret belongs to, for messages
 * @param key           the setting it fills, e.g. {@code jdbc.password} or {@code kafka.sasl.jaas.config}
 * @param source        environment variable or file
 * @param location      the variable name, or the absolute path of the file
 * @param locationShown whether messages may quote {@code location}: a conventional variable name (upper
 *                      case, digits, underscores), or a file path the operator evidently meant (see
 *                      {@link SecretPaths#mayShow}); decided by the factories, never from the secret
 */
public record SecretRef(String profile, String key, Source source, String location, boolean locationShown) {
    private static final java.util.regex.Pattern CONVENTIONAL_ENV_NAME = java.util.regex.Pattern.compile("[A-Z_][A-Z0-9_]*");

    private static final Logger LOG = LoggerFactory.getLogger(SecretRef.class);

    public enum Source { ENV, FILE }

    public SecretRef {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
    }

    /** A variable: its name is shown only when it is conventional, since another may be the secret itself. */
    public static SecretRef env(String profile, String key, String variable) {
        return new SecretRef(profile, key, Source.ENV, variable, CONVENTIONAL_ENV_NAME.matcher(variable).matches());
    }

    /**
     * A file: its path is shown only when the settings file names it with a directory (see
     * {@link SecretPaths#mayShow}), since a bare name may be the secret itself.
     *
     * @param file        the file, as {@link SecretPaths#resolve} gives it
     * @param settingsDir the directory of the settings file that names it
     */
    public static SecretRef file(String profile, String key, Path file, Path settingsDir) {
        Path absolute = file.toAbsolutePath().normalize();
        return new SecretRef(profile, key, Source.FILE, absolute.toString(), SecretPaths.mayShow(absolute, settingsDir));
    }

    /**
     * The secret: the variable's value, or the file's text without its final line break (as written
     * by {@code echo secret > file}).
     *
     * @param env the environment, normally {@code System.getenv()}
     * @throws SettingsException naming the profile, the key and the missing variable or file (quoted only
     *                           when {@link #locationShown})
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
        return locationShown ? location
                : "named in the settings (not shown: with lower-case letters it may be the secret itself)";
    }

    /**
     * The file as messages show it: its path when the settings file names it with a directory, else
     * only the setting that names it, since a bare name may be the secret itself, typed where its path
     * belongs (the loader takes it, as it is a valid relative path).
     */
    private String fileShown() {
        return locationShown ? "file " + location
                : "file named in " + setting() + " (not shown: a name without a directory may be the secret itself)";
    }

    /**
     * The key of the settings file that names this secret: {@code jdbc.passwordEnv},
     * {@code redis.passwordFile}, {@code kafka.secretFile.ssl.keystore.password}...
     */
    String setting() {
        String suffix = source == Source.ENV ? "Env" : "File";
        String kafka = "kafka.";
        return key.startsWith(kafka) ? kafka + "secret" + suffix + "." + key.substring(kafka.length())
                : key + suffix;
    }

    private String fromFile() throws SettingsException {
        Path file = Path.of(location);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw problem(fileShown() + " does not exist");
        } catch (AccessDeniedException e) {
            throw problem(fileShown() + " is not readable");
        } catch (CharacterCodingException e) {
            throw problem(fileShown() + " is not UTF-8 text");
        } catch (IOException e) {
            // The exception names the file and the failure, never the content; the file only when shown.
            throw problem("cannot read " + fileShown() + ": " + (locationShown ? e.toString() : withoutPath(e)));
        }
        String value = stripFinalLineBreak(text);
        if (value.isEmpty()) {
            throw problem(fileShown() + " is empty");
        }
        warnIfOthersCanRead(file);
        return value;
    }

    /** What went wrong, for a file not shown: without the path, which the exception's message may carry. */
    private String withoutPath(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof FileSystemException fse) {
            return fse.getReason() == null ? kind : kind + ": " + fse.getReason();
        }
        String message = e.getMessage();
        Path name = Path.of(location).getFileName();
        if (message == null || (name != null && message.contains(name.toString()))) {
            return kind;
        }
        return kind + ": " + message;
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
                LOG.warn("profile '{}': {} {} is readable by other users; chmod 600 it", profile, key, fileShown());
            }
        } catch (IOException e) {
            LOG.debug("cannot read the permissions of {}: {}", fileShown(),
                    locationShown ? e.toString() : withoutPath(e));
        }
    }

    private SettingsException problem(String rule) {
        return new SettingsException("profile '" + profile + "': " + key + ": " + rule);
    }

    @Override
    public String toString() {
        return source == Source.ENV ? "env " + variableShown() : fileShown();
    }
}
