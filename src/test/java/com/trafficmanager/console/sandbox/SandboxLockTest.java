package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.testing.TestSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second start on a data directory this process already runs a sandbox on is refused, and the
 * refusal leaves the running sandbox's lock in place: the operating system's locks belong to the
 * process, so closing any channel on the lock file would have let another console take the directory
 * (and stop this one's servers as stale).
 */
class SandboxLockTest {

    @Test
    void aSecondStartOnADirectoryThisProcessRunsIsRefusedAndAnotherProcessStillFindsItLocked() throws Exception {
        Sandbox running = TestSandbox.shared();
        Path dir = running.dataDir();
        SandboxOptions again = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        assertThatThrownBy(() -> Sandbox.start(again, SandboxListener.NONE))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("is in use by this console");
        assertThat(lockFromAnotherProcess(dir.resolve(Sandbox.LOCK_FILE))).as("the lock as another process finds it")
                .isEqualTo("busy");
    }

    @Test
    void aDirectoryAnotherProcessHoldsIsRefusedNamingAnotherConsoleAndLeftAsItIs(@TempDir Path dir) throws Exception {
        Path kept = Files.writeString(dir.resolve("kept.txt"), "the other console's data");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                dir.resolve(Sandbox.LOCK_FILE).toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), true, SandboxOptions.DEFAULT_TOPIC)
                    .withAnyFreePorts();
            assertThatThrownBy(() -> Sandbox.start(options, SandboxListener.NONE))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("is in use by another console");
            assertThat(kept).as("--fresh wiped nothing").exists();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void freshRefusesADirectoryThatIsNotASandboxsAndWipesNothing(@TempDir Path dir) throws Exception {
        Path someonesFile = Files.writeString(dir.resolve("thesis.tex"), "years of work");
        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), true, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        assertThatThrownBy(() -> Sandbox.start(options, SandboxListener.NONE))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("--fresh wipes only a sandbox data directory, and " + dir + " holds other files");
        assertThat(someonesFile).exists();
        assertThat(dir.resolve(Sandbox.LOCK_FILE)).doesNotExist();
    }

    private static String lockFromAnotherProcess(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TryLock.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String answer = out.readLine();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return answer;
        }
    }

    /** Another console, as far as the lock goes: holds the OS lock on the file until its stdin closes. */
    public static final class HoldLock {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // held until the test closes our stdin
                }
            }
        }
    }

    /** Another process: prints "locked" when it got the OS lock on the file (then lets it go), else "busy". */
    public static final class TryLock {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "busy" : "locked");
            }
        }
    }
}
