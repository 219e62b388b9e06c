package com.trafficmanager.console.invalidation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run with EVALSHA. The SHA-1 is computed here, so the first call needs no SCRIPT LOAD;
 * when the server does not know the script (first use, or Redis restarted and lost its script cache)
 * the call loads it and runs it once more.
 *
 * <p>Hazard: a pipeline cannot fall back per command. Pipelined callers catch
 * {@link JedisNoScriptException} from the responses, {@link #load} and send the round again.
 */
final class RedisScript {
    private final String source;
    private final String sha;

    RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    String sha() {
        return sha;
    }

    void load(UnifiedJedis redis) {
        redis.scriptLoad(source);
    }

    Object eval(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            load(redis);
            return redis.evalsha(sha, keys, args);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
