package com.trafficmanager.console.config;

/**
 * Where a Redis URI points, read the way the profile's validation reads it. Why not
 * {@link java.net.URI}: it takes no {@code _} in a host name (Compose names such as {@code redis_cache}
 * are common), leaves host and port empty, and a client built from that would quietly connect to
 * localhost:6379 instead.
 */
public record RedisAddress(boolean tls, String host, int port, int database) {

    /** The parts of {@code redis[s]://host:port[/db]}; refuses any other shape with the rule. */
    public static RedisAddress of(String uri) {
        Rules.RedisUri parsed = uri == null ? null : Rules.parseRedisUri(uri);
        if (parsed == null) {
            throw new IllegalArgumentException("redis uri must look like " + Rules.REDIS_URI_RULE);
        }
        return new RedisAddress(parsed.tls(), parsed.host(), parsed.port(), parsed.database());
    }
}
