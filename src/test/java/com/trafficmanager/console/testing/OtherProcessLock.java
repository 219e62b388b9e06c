package com.trafficmanager.console.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A file's OS lock as another process sees it: the operating system's locks belong to a process, so a
 * lock held or found by a thread of the test JVM says nothing about what a second console would meet.
 * {@link #hold} keeps the lock in a child JVM until {@link #close}; {@link #probe} asks a child JVM
 * whether it could take it.
 */
public final class OtherProcessLock implements AutoCloseable {
    private final Process process;

    private OtherProcessLock(Process process) {
        this.process = process;
    }

    /** Returns once the child holds the lock on {@code file} (made if missing). */
    public static OtherProcessLock hold(Path file) throws IOException {
        Process p = start(Hold.class, file);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String said = out.readLine();
        if (!"locked".equals(said)) {
            p.destroyForcibly();
            throw new IOException("the lock-holding process said " + said + " instead of locked");
        }
        return new OtherProcessLock(p);
    }

    /** "locked" when a child JVM could take the lock on {@code file} (it lets it go at once), else "busy". */
    public static String probe(Path file) throws IOException, InterruptedException {
        Process p = start(Probe.class, file);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String answer = out.readLine();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the lock-probing process did not end");
            }
            return answer;
        }
    }

    /** Lets the lock go: the child ends once its stdin closes. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the lock-holding process did not end");
        }
    }

    private static Process start(Class<?> main, Path file) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start(); // stdout holds only its answer
    }

    /** Holds the OS lock on the file named until its stdin closes. */
    public static final class Hold {
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

    /** Prints "locked" when it got the OS lock on the file named (then lets it go), else "busy". */
    public static final class Probe {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "busy" : "locked");
            }
        }
    }
}
