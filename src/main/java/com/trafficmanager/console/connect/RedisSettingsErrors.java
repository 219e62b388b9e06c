package com.trafficmanager.console.connect;

import com.trafficmanager.console.text.FailureText;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns a Redis failure into a message that names the profile setting to look at: the password or
 * ACL user the server refused ({@code WRONGPASS}), a server that wants a password the profile does not
 * give ({@code NOAUTH}), or TLS ({@code rediss://}) against a server without it (a plain server never
 * answers the TLS greeting, so a read timeout on {@code rediss://} counts as a TLS failure). Anything else is
 * about reaching {@code redis.uri}. Redis never echoes a password, and neither does this.
 */
public final class RedisSettingsErrors {
    private RedisSettingsErrors() {
    }

    /** Whether what {@link #describe} made of an error only says the server did not answer (no refused login, no TLS). */
    public static boolean unreachable(ClientSettingsException described) {
        return described.getMessage().contains(CANNOT_REACH);
    }

    private static final String CANNOT_REACH = "cannot reach ";

    public static ClientSettingsException describe(String profile, String uri, String user, Throwable error) {
        String reason = FailureText.chain(error);
        String lower = reason.toLowerCase(Locale.ROOT);
        boolean hasUser = user != null && !user.isBlank();
        if (lower.contains("wrongpass") || lower.contains("invalid password") || lower.contains("invalid username")) {
            String setting = hasUser ? "redis.user and its password (redis.passwordEnv or redis.passwordFile)"
                    : "redis.passwordEnv or redis.passwordFile";
            return new ClientSettingsException(profile, setting, "the server refused the credentials (" + first(reason) + ")", error);
        }
        if (lower.contains("noauth")) {
            return new ClientSettingsException(profile, "redis.passwordEnv or redis.passwordFile",
                    "the server requires a password and the profile gives none (" + first(reason) + ")", error);
        }
        if (lower.contains("without any password configured")) {
            return new ClientSettingsException(profile, "redis.passwordEnv or redis.passwordFile",
                    "the server has no password configured; remove the password setting (" + first(reason) + ")", error);
        }
        if (lower.contains("noperm")) {
            return new ClientSettingsException(profile, hasUser ? "redis.user" : "redis.user (default user)",
                    "the ACL user lacks a permission the console needs (" + first(reason) + ")", error);
        }
        boolean tlsSilence = uri.startsWith("rediss://") && lower.contains("read timed out");
        if (tlsSilence || hasCause(error, SSLException.class) || lower.contains("ssl") || lower.contains("handshake")) {
            String hint = uri.startsWith("rediss://")
                    ? "TLS (rediss://) failed; use redis:// if the server has no TLS, or check its certificate"
                    : "TLS failed";
            return new ClientSettingsException(profile, "redis.uri", hint + " (" + first(reason) + ")", error);
        }
        return new ClientSettingsException(profile, "redis.uri", CANNOT_REACH + uri + " (" + first(reason) + ")", error);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String first(String reason) {
        return reason.length() > 240 ? reason.substring(0, 240) + "..." : reason;
    }
}
