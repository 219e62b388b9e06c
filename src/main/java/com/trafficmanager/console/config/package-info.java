/**
 * Connection profiles, read from {@code settings.json} in the per-user config directory
 * ({@code AppDirs.settingsFile()}). Validated once by {@link com.trafficmanager.console.config.SettingsLoader}
 * (every problem at once, each naming profile, key and rule), then immutable records.
 *
 * <pre>{@code
 * {
 *   "lastProfile": "prod-eu",                      // written by the console
 *   "profiles": [
 *     {"name": "sandbox", "type": "sandbox"},      // embedded servers; no jdbc/kafka/redis
 *     {
 *       "name": "prod-eu",                         // [a-z0-9_-]{1,40}, unique
 *       "type": "external",
 *       "jdbc":  {"url": "jdbc:postgresql://db:5432/routes", "user": "console",
 *                 "passwordEnv": "PG_PASSWORD"},   // or "passwordFile"; optional
 *       "kafka": {"bootstrap": "b1:9092,b2:9092",
 *                 "properties": {"security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512"},
 *                 "secretEnv":  {"sasl.jaas.config": "KAFKA_JAAS"},      // property -> variable
 *                 "secretFile": {"ssl.keystore.password": "ks.pass"}},   // property -> file
 *       "redis": {"uri": "rediss://cache:6380", "user": "console",
 *                 "passwordFile": "~/.config/traffic-console/redis.pass"},
 *       "topic": "route-events",                   // default
 *       "consumerGroup": "route-cache-invalidator",// default
 *       "protectedEnvs": ["prod"],                 // default
 *       "readOnly": false,                         // default
 *       "user": "alice"                            // default: the OS user
 *     }
 *   ]
 * }
 * }</pre>
 * (The comments above are for this page only: the file is strict JSON.)
 *
 * <p>Secrets are never in the file: an inline password is an error that names the env/file form.
 * Relative secret file paths are relative to the settings file's directory. Any text is a valid
 * relative path, so a secret pasted where its file belongs would pass: messages quote a secret file's
 * path only when it has a directory (or is a hidden file's name), and the profile editor saves a new
 * secret file reference only when the file exists.
 */
package com.trafficmanager.console.config;
