package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The child-process handling of the sandbox's servers, with stand-in processes started through bash.
 * A pid file left by a console that crashed may, after a reboot, name an unrelated process (the user's
 * own PostgreSQL, say): only a process that started when the pid file says, or (a pid file without a
 * start time) whose command line names the sandbox's directory, is stopped. A
 * retired server (the sandbox is closing) starts nothing more, so a start still under way on another
 * thread cannot leave a server behind the close.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ManagedProcessTest {

    @Test
    void aPostgresOfAnotherDirectoryLivesOnAndOneOfThisDirectoryIsStopped(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("postgres.console.pid");
        Process foreign = new ProcessBuilder("bash", "-c", "sleep 300; true", "postgres", "-D", "/elsewhere/data").start();
        Process ours = new ProcessBuilder("bash", "-c", "sleep 300; true", "postgres", "-D", dir.resolve("postgres").toString())
                .start();
        try {
            Files.writeString(pidFile, Long.toString(foreign.pid()));
            ManagedProcess.killStale(pidFile, "postgres", PostgresServer.NAME);
            assertThat(foreign.isAlive()).as("a postgres of another directory").isTrue();

            Files.writeString(pidFile, Long.toString(ours.pid()));
            ManagedProcess.killStale(pidFile, "postgres", PostgresServer.NAME);
            assertThat(ours.waitFor(15, TimeUnit.SECONDS)).as("the postgres of this sandbox stopped").isTrue();
        } finally {
            foreign.destroyForcibly();
            ours.destroyForcibly();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aRedisServerStartedAfterThePidFileWasWrittenLivesOnAndTheOneItNamesIsStopped(@TempDir Path dir)
            throws Exception {
        // a program named redis-server that shows no arguments, as Redis does once it has rewritten its title
        Path binary = Files.copy(Path.of("/bin/cat"), dir.resolve("redis-server"));
        Path pidFile = dir.resolve("redis.console.pid");
        ManagedProcess ours = new ManagedProcess("Redis", dir.resolve("logs/redis.log"), pidFile);
        Process foreign = new ProcessBuilder(binary.toString()).start(); // the user's own, say, after a reboot
        try {
            ours.start(java.util.List.of(binary.toString()));
            String written = Files.readString(pidFile);
            java.time.Instant foreignStart = foreign.info().startInstant().orElseThrow();
            Files.writeString(pidFile, foreign.pid() + "\n" + foreignStart.minusSeconds(3600));
            ManagedProcess.killStale(pidFile, "redis-server", RedisServer.NAME);
            assertThat(foreign.isAlive()).as("a redis-server started after the pid file was written").isTrue();

            Files.writeString(pidFile, written);
            long pid = Long.parseLong(written.lines().findFirst().orElseThrow());
            ManagedProcess.killStale(pidFile, "redis-server", RedisServer.NAME);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::onExit).map(f -> {
                try {
                    f.get(15, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            }).orElse(true)).as("the redis-server the pid file names stopped").isTrue();
        } finally {
            foreign.destroyForcibly();
            ours.kill();
        }
    }

    @Test
    void aRetiredProcessStartsNothing(@TempDir Path dir) throws Exception {
        ManagedProcess process = new ManagedProcess("stand-in", dir.resolve("logs/stand-in.log"), dir.resolve("stand-in.pid"));
        process.retire();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> process.start(java.util.List.of("sleep", "300")))
                .isInstanceOf(java.io.IOException.class).hasMessage("stand-in is not started: the sandbox is stopping");
        assertThat(process.isAlive()).isFalse();
        assertThat(dir.resolve("stand-in.pid")).doesNotExist();
    }
}
