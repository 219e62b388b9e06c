package com.trafficmanager.console.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user directories of the console, in the platform's usual places: XDG on Linux,
 * {@code ~/Library} on macOS, {@code %APPDATA%}/{@code %LOCALAPPDATA%} on Windows. Never next to the
 * program, which an installer may have put in a read-only place.
 *
 * @param config   settings file with the connection profiles
 * @param data     the sandbox's PostgreSQL and Kafka data
 * @param state    logs and window placement
 * @param cache    unpacked server binaries (safe to delete)
 */
public record AppDirs(Path config, Path data, Path state, Path cache) {
    static final String APP = "traffic-console";

    public static AppDirs forCurrentUser() {
        return forEnvironment(System.getenv(), System.getProperty("user.home"),
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT));
    }

    static AppDirs forEnvironment(Map<String, String> env, String home, String os) {
        Path h = Path.of(home);
        if (os.contains("mac")) {
            Path support = h.resolve("Library/Application Support/Traffic Console");
            return new AppDirs(support.resolve("config"), support.resolve("data"),
                    h.resolve("Library/Logs/Traffic Console"), h.resolve("Library/Caches/Traffic Console"));
        }
        if (os.contains("win")) {
            Path roaming = Path.of(env.getOrDefault("APPDATA", h.resolve("AppData/Roaming").toString()), "Traffic Console");
            Path local = Path.of(env.getOrDefault("LOCALAPPDATA", h.resolve("AppData/Local").toString()), "Traffic Console");
            return new AppDirs(roaming, local.resolve("data"), local.resolve("state"), local.resolve("cache"));
        }
        return new AppDirs(
                xdg(env, "XDG_CONFIG_HOME", h.resolve(".config")).resolve(APP),
                xdg(env, "XDG_DATA_HOME", h.resolve(".local/share")).resolve(APP),
                xdg(env, "XDG_STATE_HOME", h.resolve(".local/state")).resolve(APP),
                xdg(env, "XDG_CACHE_HOME", h.resolve(".cache")).resolve(APP));
    }

    private static Path xdg(Map<String, String> env, String key, Path fallback) {
        String value = env.get(key);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    public Path sandboxData() {
        return data.resolve("sandbox");
    }

    public Path logs() {
        return state.resolve("logs");
    }

    public Path settingsFile() {
        return config.resolve("settings.json");
    }

    public AppDirs withData(Path dataDir) {
        return new AppDirs(config, dataDir, state, cache);
    }

    public AppDirs withConfig(Path configDir) {
        return new AppDirs(configDir, data, state, cache);
    }
}
