package com.trafficmanager.console.config;

import java.nio.file.Path;

/**
 * Where a {@code ...File} setting points. A relative path is relative to the settings file's
 * directory, not to the working directory, which depends on how the console was launched; a
 * leading {@code ~/} is the user's home, as an operator would type it in a shell.
 */
final class SecretPaths {
    private SecretPaths() {
    }

    static Path resolve(String text, Path settingsDir, Path home) {
        if (text.equals("~") || text.startsWith("~/")) {
            return home.resolve(text.substring(Math.min(2, text.length()))).normalize();
        }
        Path path = Path.of(text);
        return (path.isAbsolute() ? path : settingsDir.resolve(path)).toAbsolutePath().normalize();
    }
}
