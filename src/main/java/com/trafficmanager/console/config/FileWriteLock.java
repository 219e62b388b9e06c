package com.trafficmanager.console.config;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to read a file and write it back, across consoles and within one: an OS lock on a
 * hidden file beside it ({@code .settings.json.lock}; the file itself is replaced by an atomic move, so
 * a lock on it would guard a file that is gone), taken under a lock of this JVM (an OS lock is held per
 * process, and a second one on the same file from this process would throw rather than wait).
 */
final class FileWriteLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    /** Reading and writing the settings takes milliseconds: a lock held this long is stuck, or another's. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final long RETRY_MILLIS = 50;

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock osLock;

    private FileWriteLock(ReentrantLock jvmLock, FileChannel channel, FileLock osLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.osLock = osLock;
    }

    static FileWriteLock of(Path file) throws IOException {
        return of(file, WAIT);
    }

    /** Waits at most {@code wait} for the lock (a save must not stay busy for good behind another's). */
    static FileWriteLock of(Path file, Duration wait) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path lockFile = absolute.resolveSibling("." + absolute.getFileName() + ".lock");
        long deadline = System.nanoTime() + wait.toNanos();
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(absolute, p -> new ReentrantLock());
        try {
            if (!jvmLock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw held(lockFile, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + lockFile);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock osLock;
            while ((osLock = channel.tryLock()) == null) { // another process holds it: try again shortly
                if (System.nanoTime() - deadline > 0) {
                    throw held(lockFile, wait);
                }
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for " + lockFile);
                }
            }
            return new FileWriteLock(jvmLock, channel, osLock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
    }

    private static IOException held(Path lockFile, Duration wait) {
        return new IOException("another console is writing the settings (it holds " + lockFile + "); waited "
                + wait.toSeconds() + " s - try again");
    }

    @Override
    public void close() throws IOException {
        try {
            osLock.release();
            channel.close();
        } finally {
            jvmLock.unlock();
        }
    }
}
