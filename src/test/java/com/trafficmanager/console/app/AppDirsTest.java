package com.trafficmanager.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    @Test
    void linuxFollowsXdg() {
        AppDirs dirs = AppDirs.forEnvironment(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data",
                "XDG_STATE_HOME", "/state", "XDG_CACHE_HOME", "/cache"), "/home/op", "linux");
        assertThat(dirs.settingsFile()).isEqualTo(Path.of("/cfg/traffic-console/settings.json"));
        assertThat(dirs.sandboxData()).isEqualTo(Path.of("/data/traffic-console/sandbox"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/state/traffic-console/logs"));
        assertThat(dirs.cache()).isEqualTo(Path.of("/cache/traffic-console"));
    }

    @Test
    void linuxDefaultsUnderHomeAndIgnoresRelativeXdgPaths() {
        AppDirs dirs = AppDirs.forEnvironment(Map.of("XDG_DATA_HOME", "relative/path"), "/home/op", "linux");
        assertThat(dirs.config()).isEqualTo(Path.of("/home/op/.config/traffic-console"));
        assertThat(dirs.data()).isEqualTo(Path.of("/home/op/.local/share/traffic-console"));
        assertThat(dirs.state()).isEqualTo(Path.of("/home/op/.local/state/traffic-console"));
    }

    @Test
    void macAndWindowsUseTheirUsualPlaces() {
        AppDirs mac = AppDirs.forEnvironment(Map.of(), "/Users/op", "mac os x");
        assertThat(mac.logs()).isEqualTo(Path.of("/Users/op/Library/Logs/Traffic Console/logs"));
        AppDirs win = AppDirs.forEnvironment(Map.of("APPDATA", "C:/Users/op/AppData/Roaming",
                "LOCALAPPDATA", "C:/Users/op/AppData/Local"), "C:/Users/op", "windows 11");
        assertThat(win.config()).isEqualTo(Path.of("C:/Users/op/AppData/Roaming/Traffic Console"));
        assertThat(win.data()).isEqualTo(Path.of("C:/Users/op/AppData/Local/Traffic Console/data"));
    }
}
