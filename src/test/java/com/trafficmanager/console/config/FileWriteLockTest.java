package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.OtherProcessLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A settings write waits a bounded time for another writer, in this console or another, then says why. */
class FileWriteLockTest {
    @TempDir
    Path dir;

    private static Throwable lockFromAnotherThread(Path file) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try (FileWriteLock ignored = FileWriteLock.of(file, Duration.ofMillis(300))) {
                thrown[0] = null;
            } catch (Throwable t) {
                thrown[0] = t;
            }
        });
        other.start();
        other.join(30_000);
        // null means taken and let go: a writer still waiting must not pass for one that got the lock
        assertThat(other.isAlive()).as("the other writer done within 30 s").isFalse();
        return thrown[0];
    }

    @Test
    void aWriterInThisConsoleHoldingItTooLongIsNamedAndTheLockIsFreeAfter() throws Exception {
        Path file = dir.resolve("settings.json");
        try (FileWriteLock held = FileWriteLock.of(file)) {
            assertThat(lockFromAnotherThread(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another console is writing the settings")
                    .hasMessageContaining(".settings.json.lock");
        }
        assertThat(lockFromAnotherThread(file)).isNull();
    }

    @Test
    void anotherProcessHoldingItTooLongIsNamedAndTheLockIsTakenOnceItLets() throws Exception {
        Path file = dir.resolve("settings.json");
        Path lockFile = dir.resolve(".settings.json.lock");
        try (OtherProcessLock held = OtherProcessLock.hold(lockFile)) {
            assertThat(lockFromAnotherThread(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another console is writing the settings");
        }
        assertThat(lockFromAnotherThread(file)).isNull();
    }
}
