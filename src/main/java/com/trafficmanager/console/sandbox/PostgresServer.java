package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from Maven Central's zonky packages) in a data directory that
 * survives restarts.
 *
 * <p>Hazard: two consoles' sandboxes on one workstation. When this server is down (a crash, a drill)
 * another console's sandbox may take its port, and a server answering there is not ours. Readiness
 * asks the server for its data directory, so a restart never takes that server for this one; and the
 * console's clients log in as a role named after this cluster's system identifier ({@link #clientRole}),
 * which no other cluster has: a client that meets another console's server is refused like an outage
 * instead of writing routes and outbox rows into the wrong database.
 *
 * <p>PostgreSQL refuses to run as root. When the console runs as root (containers, CI), initdb and
 * postgres run inside a user namespace ({@code unshare --user}) where they are an ordinary user; the
 * files they write still belong to the real user outside.
 */
final class PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    static final String NAME = "PostgreSQL";
    static final String DATABASE = "traffic";
    static final String USER = "postgres";
    private static final String PG_VERSION = "14.22.0";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final BinaryCache binaries;
    private final ManagedProcess process;
    private Path pgHome;
    private int port;
    private String clientRole;

    PostgresServer(Path sandboxDir, BinaryCache binaries) {
        this.dataDir = sandboxDir.resolve("postgres");
        this.binaries = binaries;
        this.process = new ManagedProcess(NAME, sandboxDir.resolve("logs/postgres.log"),
                sandboxDir.resolve("postgres.console.pid"));
    }

    void start(int preferredPort, SandboxListener listener) throws IOException, InterruptedException {
        listener.onProgress(NAME, ServerState.STARTING, "unpacking binaries");
        pgHome = binaries.unpackTxz(binaryResource(), "postgres-" + PG_VERSION);
        ManagedProcess.killStale(dataDir.getParent().resolve("postgres.console.pid"), "postgres", NAME);
        removeStalePostmasterPid();
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            listener.onProgress(NAME, ServerState.STARTING, "creating the database cluster");
            initdb();
        }
        port = preferredPort;
        listener.onProgress(NAME, ServerState.STARTING, "starting on port " + port);
        port = PortRetry.start(NAME, port, process, listener, p -> {
            port = p;
            startPostmaster();
            awaitReady();
        });
        ensureDatabase();
    }

    /**
     * Starts the server again on its port and data after it died; it recovers from its WAL on its own.
     * postmaster.pid stays: with it PostgreSQL itself refuses to start while backends of the dead server
     * still hold its shared memory, and the supervisor tries again a little later.
     */
    void restart() throws IOException, InterruptedException {
        startPostmaster();
        awaitReady();
    }

    ManagedProcess process() {
        return process;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The login role of the console's clients, known once {@link #start} returned. */
    String clientRole() {
        return clientRole;
    }

    int port() {
        return port;
    }

    /** Fast shutdown: rolls back open transactions, checkpoints, exits. */
    void stop() {
        if (Platform.isWindows()) {
            stopWithPgCtl();
        }
        process.stop("INT", Duration.ofSeconds(20)); // on Windows: what pg_ctl left (normally nothing)
    }

    /**
     * Windows cannot send another process SIGINT: the process handle's destroy would end the postmaster
     * like a crash (no checkpoint, a recovery at every start). pg_ctl asks it for a fast shutdown the way
     * Windows allows, and waits for it.
     */
    private void stopWithPgCtl() {
        if (pgHome == null || !process.isAlive()) {
            return;
        }
        List<String> command = command("pg_ctl");
        command.addAll(List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "20"));
        try {
            Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!pgCtl.waitFor(25, TimeUnit.SECONDS)) {
                pgCtl.destroyForcibly();
                LOG.warn("pg_ctl stop did not end within 25 s; stopping the server directly");
            } else if (pgCtl.exitValue() != 0) {
                LOG.warn("pg_ctl stop failed (exit {}); stopping the server directly", pgCtl.exitValue());
            }
        } catch (IOException e) {
            LOG.warn("pg_ctl stop failed ({}); stopping the server directly", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates the cluster beside its place and moves it there once initdb succeeded, so a first start cut
     * short (a kill, a power cut) leaves no half-made cluster that later starts would take for a whole one
     * (initdb writes PG_VERSION early). initdb syncs its files before it ends, for the same reason.
     */
    private void initdb() throws IOException, InterruptedException {
        Path building = dataDir.resolveSibling(dataDir.getFileName() + ".init");
        deleteLeftover(building); // a first start cut short
        deleteLeftover(dataDir); // no PG_VERSION: not a cluster, nothing in it to keep
        Files.createDirectories(building);
        Files.createDirectories(dataDir.getParent().resolve("logs"));
        restrictToOwner(building);
        List<String> command = command("initdb");
        command.addAll(List.of("-A", "trust", "-U", USER, "-D", building.toString(), "-E", "UTF-8", "--locale=C"));
        Process initdb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.getParent().resolve("logs/initdb.log").toFile()))
                .start();
        if (!initdb.waitFor(120, TimeUnit.SECONDS) || initdb.exitValue() != 0) {
            initdb.destroyForcibly();
            String log = Files.readString(dataDir.getParent().resolve("logs/initdb.log"));
            FileTrees.deleteRecursively(building);
            throw new IOException("initdb failed: " + log.strip() + (log.contains("unshare")
                    ? " (PostgreSQL does not run as root, and this machine does not allow the user namespace the"
                            + " sandbox starts it in instead, e.g. a container's default seccomp profile: run the"
                            + " console as an ordinary user)" : ""));
        }
        moveIntoPlace(building);
    }

    /**
     * Deletes what a start cut short left. Its initdb's backend may outlive the console that was killed (it
     * runs until it reads the end of its input, and its command line does not name the directory, so no
     * stale-process check finds it) and still write there for a moment: the delete is tried again
     * for up to 10 s.
     */
    private static void deleteLeftover(Path dir) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                FileTrees.deleteRecursively(dir);
                return;
            } catch (IOException e) {
                if (attempt >= 50) {
                    throw e;
                }
                Thread.sleep(200); // a retry interval while the leftover process ends
            }
        }
    }

    /**
     * On Windows a virus scanner or the search indexer may hold a file of the new cluster open for a
     * moment, and the rename is refused meanwhile; PostgreSQL's own renames retry for the same reason.
     */
    private void moveIntoPlace(Path building) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(building, dataDir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (java.nio.file.FileSystemException e) {
                if (attempt >= 100 || !Platform.isWindows()) {
                    throw e;
                }
                Thread.sleep(100); // a retry interval, as pgrename's
            }
        }
    }

    private void startPostmaster() throws IOException {
        Files.createDirectories(dataDir.getParent().resolve("logs"));
        List<String> command = command("postgres");
        command.addAll(List.of("-D", dataDir.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=100",
                "-c", "shared_buffers=64MB",
                "-c", "synchronous_commit=on",
                "-c", "logging_collector=off"));
        process.start(command);
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try (Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?connectTimeout=2", USER, "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("show data_directory")) {
                rs.next();
                String served = rs.getString(1);
                if (isOurs(served)) {
                    return;
                }
                // ours has not bound the port (yet): it exits with "could not bind", which checkAlive reports
                last = "port " + port + " is served by another PostgreSQL (data directory " + served + ")";
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(50);
        }
        throw new IOException("PostgreSQL did not accept connections on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + last + "; log: " + process.logTail(8));
    }

    /** Whether {@code served}, a server's data directory, is this one's (compared as real paths). */
    private boolean isOurs(String served) {
        try {
            return Path.of(served).toRealPath().equals(dataDir.toRealPath());
        } catch (java.nio.file.InvalidPathException | IOException e) {
            // a directory this machine does not have, or another user's that this one may not look into
            return false;
        }
    }

    /**
     * Creates the console's database and its client role when missing. The role is a superuser (the sandbox
     * is the operator's own, and tests end sessions and revoke logins); its name is what matters.
     */
    private void ensureDatabase() throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select system_identifier from pg_control_system()")) {
                rs.next();
                clientRole = "console_" + Long.toUnsignedString(rs.getLong(1));
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_roles where rolname = '" + clientRole + "'")) {
                if (!rs.next()) {
                    s.execute("create role " + clientRole + " login superuser");
                }
            }
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("could not create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    /**
     * postgres refuses to start while postmaster.pid names a live process. After a crash the pid in it
     * may have been reused by an unrelated process, so the file is removed when no postgres is behind it.
     */
    private void removeStalePostmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        ManagedProcess.killStale(pidFile, "postgres", NAME);
        Files.deleteIfExists(pidFile);
    }

    private List<String> command(String binary) {
        List<String> command = new ArrayList<>();
        if (Platform.isRoot()) {
            // 65534 (nobody) exists on every Linux system; initdb looks the user up by id.
            command.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534", "--"));
        }
        String exe = Platform.isWindows() ? binary + ".exe" : binary;
        command.add(pgHome.resolve("bin").resolve(exe).toString());
        return command;
    }

    private static String binaryResource() {
        if (Platform.isWindows()) {
            return "postgres-windows-x86_64.txz";
        }
        if (Platform.isMac()) {
            return Platform.isArm64() ? "postgres-darwin-arm_64.txz" : "postgres-darwin-x86_64.txz";
        }
        return Platform.isArm64() ? "postgres-linux-arm_64.txz" : "postgres-linux-x86_64.txz";
    }

    private static void restrictToOwner(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException windows) {
            // NTFS: the directory's ACL already limits it to the user.
        }
    }
}
