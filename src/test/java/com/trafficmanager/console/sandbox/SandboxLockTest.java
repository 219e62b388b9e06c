package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.testing.OtherProcessLock;
import com.trafficmanager.console.testing.TestSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(OtherProcessLock.probe(dir.resolve(Sandbox.LOCK_FILE))).as("the lock as another process finds it")
                .isEqualTo("busy");
    }

    @Test
    void aDirectoryAnotherProcessHoldsIsRefusedNamingAnotherConsoleAndLeftAsItIs(@TempDir Path dir) throws Exception {
        Path kept = Files.writeString(dir.resolve("kept.txt"), "the other console's data");
        try (OtherProcessLock held = OtherProcessLock.hold(dir.resolve(Sandbox.LOCK_FILE))) {
            SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), true, SandboxOptions.DEFAULT_TOPIC)
                    .withAnyFreePorts();
            assertThatThrownBy(() -> Sandbox.start(options, SandboxListener.NONE))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("is in use by another console");
            assertThat(kept).as("--fresh wiped nothing").exists();
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
}
