package com.trafficmanager.console.testing;

import com.trafficmanager.console.sandbox.FileTrees;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxException;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real sandbox (PostgreSQL, Kafka, Redis) per test JVM, started on first use in a fresh temporary
 * directory and stopped when the JVM exits. Tests that need isolation use their own tables' rows,
 * topics or key prefixes rather than a sandbox of their own; tests that stop a server start it again
 * before they return.
 */
public final class TestSandbox {
    private static Sandbox sandbox;

    private TestSandbox() {
    }

    public static synchronized Sandbox shared() {
        if (sandbox == null) {
            try {
                Path dir = Files.createTempDirectory("tc-test-sandbox");
                sandbox = Sandbox.start(new SandboxOptions(dir, cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                        .withAnyFreePorts(), SandboxListener.NONE); // never a console's ports beside it
                Sandbox started = sandbox;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    started.close();
                    try {
                        FileTrees.deleteRecursively(dir);
                    } catch (IOException e) {
                        System.err.println("could not remove the test sandbox " + dir + ": " + e);
                    }
                }, "test-sandbox-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SandboxException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return sandbox;
    }

    /** The per-user binary cache, shared with the console, so tests do not unpack PostgreSQL again. */
    public static Path cacheDir() {
        return com.trafficmanager.console.app.AppDirs.forCurrentUser().cache();
    }
}
