package com.trafficmanager.console.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window placement and theme, remembered between runs in the per-user state directory. A missing or
 * unreadable file gives the defaults: losing a window position must never stop the console.
 */
public record UiPreferences(double x, double y, double width, double height, boolean maximized, boolean dark) {
    private static final Logger LOG = LoggerFactory.getLogger(UiPreferences.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "ui.json";

    public static UiPreferences defaults() {
        return new UiPreferences(Double.NaN, Double.NaN, 1280, 800, false, false);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    public static UiPreferences load(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        try {
            UiPreferences p = JSON.readValue(file.toFile(), UiPreferences.class);
            if (p.width() < 400 || p.height() < 300) {
                return new UiPreferences(p.x(), p.y(), 1280, 800, p.maximized(), p.dark());
            }
            return p;
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return defaults();
        }
    }

    public void save(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("could not save window placement: {}", e.getMessage());
        }
    }

    public UiPreferences withDark(boolean dark) {
        return new UiPreferences(x, y, width, height, maximized, dark);
    }
}
