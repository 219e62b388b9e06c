package com.trafficmanager.console.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive right to read a file and write it back, across consoles and within one: an OS lock on a
 * hidden file beside it ({@code .settings.json.lock}; the file itself is replaced by an atomic move, so
 * a lock on it would guard a file that is gone), taken under a lock of this JVM (an OS lock is held per
 * process, and a second one on the same file from this process would throw rather than wait).
 */
final class FileWriteLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock jvmLock;
    private final FileChannel channel;
    private final FileLock osLock;

    private FileWriteLock(ReentrantLock jvmLock, FileChannel channel, FileLock osLock) {
        this.jvmLock = jvmLock;
        this.channel = channel;
        this.osLock = osLock;
    }

    static FileWriteLock of(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        ReentrantLock jvmLock = IN_THIS_JVM.computeIfAbsent(absolute, p -> new ReentrantLock());
        jvmLock.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute.getParent());
            channel = FileChannel.open(absolute.resolveSibling("." + absolute.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new FileWriteLock(jvmLock, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            jvmLock.unlock();
            throw e;
        }
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
