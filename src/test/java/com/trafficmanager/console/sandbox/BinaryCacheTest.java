package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user cache of server binaries repairs itself: a damaged entry is unpacked again, leftovers go. */
class BinaryCacheTest {
    private static final String TOOL = "com/trafficmanager/console/sandbox/tiny-tool";

    @TempDir
    Path cache;

    @Test
    void anExecutableRemovedFromTheCacheIsUnpackedAgain() throws Exception {
        BinaryCache binaries = new BinaryCache(cache);
        Path tool = binaries.unpackExecutable(TOOL, "tiny-1");
        assertThat(Files.isExecutable(tool)).isTrue();
        assertThat(Files.readAllLines(cache.resolve("tiny-1").resolve(BinaryCache.MARKER)))
                .containsExactly("x tiny-tool\t" + Files.size(tool));

        Files.delete(tool); // a virus scanner quarantined it
        assertThat(BinaryCache.complete(cache.resolve("tiny-1"))).isFalse();
        Path again = new BinaryCache(cache).unpackExecutable(TOOL, "tiny-1");
        assertThat(again).isEqualTo(tool);
        assertThat(Files.isExecutable(again)).isTrue();
        assertThat(Files.readString(again)).contains("echo tiny");
        try (var entries = Files.list(cache)) { // the damaged copy was moved aside (a console may still run from it)
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .filteredOn(n -> !n.equals("tiny-1") && !n.equals("tiny-1.lock"))
                    .singleElement().asString().startsWith("tiny-1.unpack");
        }
        new BinaryCache(cache).unpackExecutable(TOOL, "tiny-1");
        try (var entries = Files.list(cache)) { // and removed by a later start
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("tiny-1", "tiny-1.lock");
        }
    }

    @Test
    void aFileCutShortIsUnpackedAgain() throws Exception {
        Path tool = new BinaryCache(cache).unpackExecutable(TOOL, "tiny-5");
        String whole = Files.readString(tool);
        Files.write(tool, new byte[0]); // as a power cut soon after the unpack can leave it
        assertThat(BinaryCache.complete(cache.resolve("tiny-5"))).isFalse();
        assertThat(Files.readString(new BinaryCache(cache).unpackExecutable(TOOL, "tiny-5"))).isEqualTo(whole);
    }

    @Test
    void anExecutableThatLostItsPermissionIsUnpackedAgain() throws Exception {
        Path tool = new BinaryCache(cache).unpackExecutable(TOOL, "tiny-2");
        assertThat(tool.toFile().setExecutable(false, false)).isTrue();
        Path again = new BinaryCache(cache).unpackExecutable(TOOL, "tiny-2");
        assertThat(Files.isExecutable(again)).isTrue();
    }

    @Test
    void whatAnUnpackThatDiedLeftBehindIsRemovedByTheNextStart() throws Exception {
        new BinaryCache(cache).unpackExecutable(TOOL, "tiny-3");
        Path stale = Files.createDirectories(cache.resolve("tiny-3.unpack1234567"));
        Files.writeString(stale.resolve("half-written"), "x".repeat(1000));

        Path tool = new BinaryCache(cache).unpackExecutable(TOOL, "tiny-3");
        assertThat(Files.isExecutable(tool)).isTrue();
        assertThat(stale).doesNotExist();
        try (var entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("tiny-3", "tiny-3.lock");
        }
    }

    @Test
    void aMarkerThatListsNothingIsUnpackedAgain() throws Exception {
        // cut short by a power cut before it reached the disk (or an older console's): its files may be too
        Path entry = Files.createDirectories(cache.resolve("tiny-4"));
        Files.writeString(entry.resolve("tiny-tool"), "");
        Files.createFile(entry.resolve(BinaryCache.MARKER));
        assertThat(BinaryCache.complete(entry)).isFalse();
        assertThat(Files.readString(new BinaryCache(cache).unpackExecutable(TOOL, "tiny-4"))).contains("echo tiny");
    }

    @Test
    void aMarkerWithoutSizesFromAnOlderConsoleIsTrustedAsFarAsItGoes() throws Exception {
        Path entry = Files.createDirectories(cache.resolve("tiny-6"));
        Path tool = Files.writeString(entry.resolve("tiny-tool"), "old");
        assertThat(tool.toFile().setExecutable(true)).isTrue();
        Files.writeString(entry.resolve(BinaryCache.MARKER), "x tiny-tool\n");
        assertThat(BinaryCache.complete(entry)).isTrue();
        Files.writeString(entry.resolve(BinaryCache.MARKER), "x tiny-tool\t"); // a size cut short
        assertThat(BinaryCache.complete(entry)).isFalse();
    }
}
