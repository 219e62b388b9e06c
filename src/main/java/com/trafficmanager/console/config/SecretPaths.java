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

    /**
     * Whether messages may quote the path of a secret file. Any text is a valid relative path, so an
     * operator who pastes the secret itself into a file field gets a file of that name in the settings
     * directory; only a path the operator evidently meant is quoted: one with a directory (absolute,
     * {@code ~/...}, {@code ../...}, {@code secrets/pg.pass}) or the name of a hidden file
     * ({@code .pgpass}). A bare name directly in the settings directory is not.
     *
     * <p>Decided on the path as the settings file holds it once saved (relative to the settings
     * directory when inside it, see {@link ProfileJson#filePath}), not as typed, so that a profile
     * reads back equal to the one written: {@code ./pg.pass} is saved as {@code pg.pass}, and so is
     * not quoted either.
     *
     * @param file        absolute and normalized, as {@link #resolve} returns it
     * @param settingsDir the directory of the settings file
     */
    static boolean mayShow(Path file, Path settingsDir) {
        Path parent = file.getParent();
        if (parent == null || !parent.equals(settingsDir.toAbsolutePath().normalize())) {
            return true;
        }
        return file.getFileName().toString().startsWith(".");
    }
}
