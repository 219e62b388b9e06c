package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the server binaries shipped inside jars (PostgreSQL as a {@code .txz}, redis-server as a
 * plain executable) into a per-user cache directory, once per version.
 *
 * <p>Several consoles (or test JVMs) may start at the same moment: unpacking happens under a file
 * lock into a temporary directory that is renamed into place, and a {@code .complete} marker tells a
 * finished unpack from one that a crash interrupted. The marker lists the files unpacked, so a cache
 * damaged later is unpacked again, and staging directories of an unpack that died are removed.
 */
final class BinaryCache {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryCache.class);
    static final String MARKER = ".complete";
    private static final String STAGING = ".unpack";

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
        if (complete(target) && staleStaging(name).isEmpty()) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(cacheRoot.resolve(name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                // under the lock no unpack runs, so a staging directory seen now was left by one that died
                staleStaging(name).forEach(BinaryCache::deleteIfPossible);
                if (complete(target)) {
                    return target;
                }
                Path staging = Files.createTempDirectory(cacheRoot, name + STAGING);
                unpacker.unpackInto(staging);
                Path written = Files.write(staging.resolve(MARKER), manifest(staging));
                try (FileChannel marker = FileChannel.open(written, StandardOpenOption.WRITE)) {
                    marker.force(true); // on disk before the rename makes it count
                }
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // moved aside, not deleted now: a console running from it (an older one, whose marker listed
                    // no files) keeps its files; a later start removes it with the other leftovers
                    Path old = Files.createTempDirectory(cacheRoot, name + STAGING + "-old");
                    Files.delete(old);
                    try {
                        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException inUse) { // Windows: a running server's files cannot move
                        LOG.warn("{} is in use and stays as it is ({})", target, inUse.getMessage());
                        deleteIfPossible(staging);
                        return target;
                    }
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + name + " into " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unpacked completely, and every file the unpack wrote is still there and still executable if it was: a
     * virus scanner or a clean-up tool may have removed or changed some, and the next start unpacks again
     * instead of failing for ever; and every regular file is the size it was unpacked with. A marker that
     * lists nothing (cut short, or an older console's) unpacks again; one without sizes (an older console's)
     * is trusted as far as it goes.
     */
    static boolean complete(Path target) {
        Path marker = target.resolve(MARKER);
        if (!Files.exists(marker)) {
            return false;
        }
        try {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.isEmpty()) { // cut short (a power cut before it reached the disk), or an old console's
                LOG.warn("{} lists no files; unpacking {} again", marker, target.getFileName());
                return false;
            }
            for (String line : lines) {
                if (line.length() < 3) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                Path file = target.resolve(tab < 0 ? line.substring(2) : line.substring(2, tab));
                if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || (line.charAt(0) == 'x' && !Files.isExecutable(file))) {
                    LOG.warn("{} is missing or not executable any more; unpacking {} again", file, target.getFileName());
                    return false;
                }
                if (tab >= 0 && Files.size(file) != Long.parseLong(line.substring(tab + 1))) {
                    LOG.warn("{} is not the size it was unpacked with (cut short by a power cut?); unpacking {} again",
                            file, target.getFileName());
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) { // a line cut short: a size that does not parse
            return false;
        }
    }

    /**
     * One line per file or link: "x path" for executables, "- path" for the others, and for a regular file
     * a tab and its size (a file cut short, as a power cut soon after the unpack can leave it, is found).
     */
    private static List<String> manifest(Path staging) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(staging)) {
            for (Path f : files.filter(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                boolean regular = Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS);
                lines.add((regular && Files.isExecutable(f) ? "x " : "- ")
                        + staging.relativize(f).toString().replace('\\', '/') + (regular ? "\t" + Files.size(f) : ""));
            }
        }
        return lines.stream().sorted().toList();
    }

    /** Best effort: what cannot go now (a file in use on Windows) goes at a later start. */
    private static void deleteIfPossible(Path dir) {
        try {
            FileTrees.deleteRecursively(dir);
        } catch (IOException e) {
            LOG.info("could not remove {} yet: {}", dir, e.getMessage());
        }
    }

    private List<Path> staleStaging(String name) {
        if (!Files.isDirectory(cacheRoot)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(name + STAGING)).toList();
        } catch (IOException e) {
            return List.of();
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
