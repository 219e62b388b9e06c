package com.trafficmanager.console.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The format rules of the settings values, as pure functions, and the exact words of their
 * messages. Hosts are checked for shape only: whether a name resolves is for the connection to say.
 */
final class Rules {
    static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9_-]{1,40}");
    static final String PROFILE_NAME_RULE = "lowercase letters, digits, '-' or '_', 1-40 characters";

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final String DNS_LABEL_RULE = "lowercase DNS labels ([a-z0-9], inner '-', at most 63 characters)";

    /** Kafka's legal topic characters; '.' and '..' alone are refused by the broker. */
    static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    static final String TOPIC_RULE = "1-249 characters of a-z, A-Z, 0-9, '.', '_' or '-' (not '.' or '..')";

    static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final String ENV_VAR_RULE = "an environment variable name (letters, digits, '_', not starting with a digit)";

    /** A group id may be any string to Kafka; blanks and control characters are always a mistake here. */
    static final Pattern CONSUMER_GROUP = Pattern.compile("[\\x21-\\x7e]{1,249}");
    static final String CONSUMER_GROUP_RULE = "1-249 printable ASCII characters without spaces";

    static final Pattern USER = Pattern.compile("[^\\s\\p{Cntrl}]{1,64}");
    static final String USER_RULE = "1-64 characters without spaces";

    static final String BOOTSTRAP_RULE = "host:port[,host:port...]";
    static final String JDBC_URL_RULE = "jdbc:postgresql://host[:port]/database[?params]";
    static final String REDIS_URI_RULE = "redis://host:port[/db] or rediss://host:port[/db] (port 1-65535)";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?]");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    private Rules() {
    }

    static boolean isTopic(String topic) {
        return TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
    }

    /** Kafka's {@code bootstrap.servers}: spaces around the commas are allowed, as the client trims them. */
    static boolean isBootstrap(String servers) {
        for (String server : servers.split(",", -1)) {
            if (!isHostPort(server.strip(), true)) {
                return false;
            }
        }
        return true;
    }

    /** A host, or an IPv6 address in brackets, then {@code :port} (required or optional). */
    static boolean isHostPort(String text, boolean portRequired) {
        String host = text;
        String port = null;
        int close = text.lastIndexOf(']');
        int colon = text.lastIndexOf(':');
        if (colon > close) {
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (port == null ? portRequired : !isPort(port)) {
            return false;
        }
        return HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }

    /**
     * Whether a JDBC URL carries a password: a {@code password}-like parameter, or a user-info part
     * with a colon. Checked before the shape, so that a bad URL is never quoted with its password.
     */
    static boolean jdbcUrlHasPassword(String url) {
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String param : url.substring(query + 1).split("&")) {
                String name = param.split("=", 2)[0];
                if (name.toLowerCase(Locale.ROOT).contains("password")) {
                    return true;
                }
            }
        }
        String beforeQuery = query >= 0 ? url.substring(0, query) : url;
        int scheme = beforeQuery.indexOf("://");
        int start = scheme >= 0 ? scheme + 3 : 0;
        int at = beforeQuery.lastIndexOf('@');
        return at > start && beforeQuery.substring(start, at).contains(":");
    }

    /**
     * Whether a Redis URI has a user-info part. Any {@code @} counts, even in a URI of another shape,
     * because redis-cli reads {@code redis://secret@host} as a password.
     */
    static boolean redisUriHasUserInfo(String uri) {
        return uri.contains("@");
    }

    /** {@code jdbc:postgresql://host[:port][,host[:port]...]/database[?params]}, as pgjdbc reads it. */
    static boolean isJdbcUrl(String url) {
        if (!url.startsWith(JDBC_PREFIX)) {
            return false;
        }
        String rest = url.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        int slash = path.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        String database = path.substring(slash + 1);
        if (database.isEmpty() || database.contains("/")) {
            return false;
        }
        for (String host : path.substring(0, slash).split(",", -1)) {
            if (!isHostPort(host, false)) {
                return false;
            }
        }
        return true;
    }

    /** The parts of a Redis URI; {@code userInfo} is null when there is none. */
    record RedisUri(boolean tls, String userInfo, String host, int port, int database) {
    }

    /** The parts of {@code redis[s]://[userinfo@]host:port[/db]}, or null if the text has another shape. */
    static RedisUri parseRedisUri(String uri) {
        boolean tls = uri.startsWith("rediss://");
        if (!tls && !uri.startsWith("redis://")) {
            return null;
        }
        String rest = uri.substring(tls ? "rediss://".length() : "redis://".length());
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int database = 0;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String db = rest.substring(slash + 1);
            if (!db.isEmpty()) {
                if (db.length() > 5 || !db.chars().allMatch(Character::isDigit)) {
                    return null;
                }
                database = Integer.parseInt(db);
            }
            rest = rest.substring(0, slash);
        }
        if (!isHostPort(rest, true)) {
            return null;
        }
        int colon = rest.lastIndexOf(':');
        String host = rest.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RedisUri(tls, userInfo, host, Integer.parseInt(rest.substring(colon + 1)), database);
    }
}
