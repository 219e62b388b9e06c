package com.trafficmanager.console.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The viewer benchmark runs its viewer with the JVM options the installers give the console. */
class PackagingArgsTest {

    @Test
    void theViewerBenchmarkUsesTheInstalledConsolesJavaOptions() throws Exception {
        String expected = "--java-options \"" + String.join(" ", ViewerIngestScenario.CONSOLE_JAVA_OPTIONS) + "\"";
        for (String os : new String[] {"linux", "windows", "macos"}) {
            assertThat(Files.readAllLines(Path.of("packaging", os, "jpackage.args"))).as(os).contains(expected);
        }
    }
}
