package com.trafficmanager.console.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The Redis part of an external profile. The URI carries neither user nor password: the ACL user is
 * {@link #user} and the password a {@link SecretRef}, so the URI can be shown and logged.
 *
 * @param uri      {@code redis://host:port[/db]}, or {@code rediss://} for TLS
 * @param user     the ACL user; empty for the {@code default} user
 * @param password where the password lives; empty when the server needs none
 */
public record RedisConnection(String uri, Optional<String> user, Optional<SecretRef> password) {
    public RedisConnection {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Rules.RedisUri parts = Rules.parseRedisUri(Objects.requireNonNull(uri, "uri"));
        // Never quote the URI here: a user-info part may hold a password.
        if (parts == null || parts.userInfo() != null) {
            throw new IllegalArgumentException("not a redis[s]://host:port[/db] URI without user info");
        }
    }

    /** Whether the connection uses TLS ({@code rediss://}). */
    public boolean tls() {
        return parts().tls();
    }

    public String host() {
        return parts().host();
    }

    public int port() {
        return parts().port();
    }

    /** The logical database, 0 unless the URI names one. */
    public int database() {
        return parts().database();
    }

    private Rules.RedisUri parts() {
        return Rules.parseRedisUri(uri);
    }
}
