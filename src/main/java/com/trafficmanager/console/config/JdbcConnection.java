package com.trafficmanager.console.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL part of an external profile.
 *
 * @param url      {@code jdbc:postgresql://host[:port]/database[?params]}, never with a password in it
 * @param user     the database user
 * @param password where the password lives; empty when the server needs none (certificate or
 *                 {@code .pgpass} authentication)
 */
public record JdbcConnection(String url, String user, Optional<SecretRef> password) {
    public JdbcConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }
}
