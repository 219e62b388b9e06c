package com.trafficmanager.console.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start(); // stdout holds only its "locked"
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThat(lockFromAnotherThread(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("another console is writing the settings");
        } finally {
            holder.getOutputStream().close(); // lets it go
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lockFromAnotherThread(file)).isNull();
    }

    /** Another process: holds the OS lock on the file named until its stdin closes. */
    public static final class HoldLock {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 var lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // held until the test closes our stdin
                }
            }
        }
    }
}
