package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the server binaries shipped inside jars (PostgreSQL as a {@code .txz}, redis-server as a
 * plain executable) into a per-user cache directory, once per version.
 *
 * <p>Several consoles (or test JVMs) may start at the same moment: unpacking happens under a file
 * lock into a temporary directory that is renamed into place, and a {@code .complete} marker tells a
 * finished unpack from one that a crash interrupted.
 */
final class BinaryCache {
    private final Path cacheRoot;

    BinaryCache(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /** Unpacks a {@code .txz} resource and returns the directory that holds its {@code bin/}. */
    Path unpackTxz(String resource, String name) {
        return once(name, target -> {
            try (InputStream raw = open(resource);
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("archive entry escapes the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            makeExecutable(out);
                        }
                    }
                }
            }
        });
    }

    /** Copies one executable resource and returns its path. */
    Path unpackExecutable(String resource, String name) {
        Path dir = once(name, target -> {
            try (InputStream in = open(resource)) {
                Path out = target.resolve(fileName(resource));
                Files.copy(in, out);
                makeExecutable(out);
            }
        });
        return dir.resolve(fileName(resource));
    }

    private interface Unpacker {
        void unpackInto(Path target) throws IOException;
    }

    private Path once(String name, Unpacker unpacker) {
        Path target = cacheRoot.resolve(name);
        Path marker = target.resolve(".complete");
        if (Files.exists(marker)) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (Files.exists(marker)) {
                    return target;
                }
                Path staging = Files.createTempDirectory(cacheRoot, name + ".unpack");
                unpacker.unpackInto(staging);
                Files.createFile(staging.resolve(".complete"));
                FileTrees.deleteRecursively(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + name + " into " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = BinaryCache.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("resource " + resource + " is not on the class path "
                    + "(this platform's server binaries are not packaged with the console)");
        }
        return in;
    }

    private static String fileName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
            perms.add(PosixFilePermission.GROUP_READ);
            perms.add(PosixFilePermission.OTHERS_READ);
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException windows) {
            file.toFile().setExecutable(true);
        }
    }
}
