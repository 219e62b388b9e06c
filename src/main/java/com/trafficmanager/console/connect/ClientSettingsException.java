package com.trafficmanager.console.connect;

/**
 * A client (Kafka or Redis) cannot be made, or is refused, because of a setting of the connection
 * profile. The message names the profile and the setting as the settings file spells it, e.g.
 * {@code profile 'prod-eu': kafka.properties.security.protocol: Invalid value FOO ...}, so that the
 * operator knows which line of the file to fix. It never carries a secret value.
 */
public final class ClientSettingsException extends RuntimeException {
    private final String setting;

    public ClientSettingsException(String profile, String setting, String reason, Throwable cause) {
        super("profile '" + profile + "': " + setting + ": " + reason, cause);
        this.setting = setting;
    }

    /** The setting at fault, e.g. {@code kafka.properties.security.protocol}. */
    public String setting() {
        return setting;
    }
}
