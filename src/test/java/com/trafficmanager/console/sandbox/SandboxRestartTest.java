package com.trafficmanager.console.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.TestSandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data survives a clean restart and a crash (servers killed without a stop), and a crash leaves no
 * process behind that breaks or outlives the next start.
 */
class SandboxRestartTest {
    private final List<Process> children = new ArrayList<>();

    @Test
    void rowsAndRecordsSurviveACleanRestart(@TempDir Path dir) throws Exception {
        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        RecordMetadata sent;
        try (Sandbox first = Sandbox.start(options, SandboxListener.NONE)) {
            exec(first.endpoints(), "create table kept(v text)", "insert into kept values ('before restart')");
            sent = produce(first.endpoints(), "kept-record");
        }
        try (Sandbox second = Sandbox.start(options, SandboxListener.NONE)) {
            assertThat(query(second.endpoints(), "select v from kept")).containsExactly("before restart");
            assertThat(consumeAt(second.endpoints(), sent)).isEqualTo("kept-record");
        }
    }

    @Test
    void startsAfterACrashAndLeavesNoOrphans(@TempDir Path dir) throws Exception {
        Process crashed = startSandboxProcess(dir);
        List<Long> orphans = new ArrayList<>();
        List<Long> restartedServers = new ArrayList<>();
        String endpointsLine;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(crashed.getInputStream(), StandardCharsets.UTF_8))) {
            endpointsLine = out.readLine();
            assertThat(endpointsLine).as("the endpoints line of the sandbox process").startsWith("{\"jdbcUrl\"");
            SandboxEndpoints endpoints = SandboxEndpoints.readFrom(dir);
            exec(endpoints, "create table kept(v text)", "insert into kept values ('before crash')");
            orphans.add(pid(dir.resolve("postgres.console.pid")));
            orphans.add(pid(dir.resolve("redis.console.pid")));
            // A crash: the console's JVM dies without stopping its servers.
            crashed.destroyForcibly();
            assertThat(crashed.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }

        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        try (Sandbox restarted = Sandbox.start(options, SandboxListener.NONE)) {
            assertThat(query(restarted.endpoints(), "select v from kept")).containsExactly("before crash");
            assertThat(orphans).as("servers of the crashed console, stopped by the restart").noneMatch(SandboxRestartTest::alive);
            restartedServers.add(pid(dir.resolve("postgres.console.pid")));
            restartedServers.add(pid(dir.resolve("redis.console.pid")));
            RecordMetadata sent = produce(restarted.endpoints(), "after-crash");
            assertThat(consumeAt(restarted.endpoints(), sent)).isEqualTo("after-crash");
        }
        assertThat(restartedServers).as("servers left running after a clean stop").noneMatch(SandboxRestartTest::alive);
    }

    @Test
    void aSecondConsoleOnTheSameDirectoryIsRefusedWithAMessage(@TempDir Path dir) throws Exception {
        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        try (Sandbox first = Sandbox.start(options, SandboxListener.NONE)) {
            exec(first.endpoints(), "create table kept(v text)");
            // in this JVM the second start is this console's own (another process: SandboxLockTest)
            assertThatThrownBy(() -> Sandbox.start(options, SandboxListener.NONE))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("is in use by this console already");
            // --fresh too: refused before anything of the first console's directory is touched
            assertThatThrownBy(() -> Sandbox.start(options.withFresh(true), SandboxListener.NONE))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("is in use by this console already");
            assertThat(query(first.endpoints(), "select count(*) from pg_tables where tablename = 'kept'"))
                    .containsExactly("1");
        }
    }

    @Test
    void freshWipesTheDataDirectory(@TempDir Path dir) throws Exception {
        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        try (Sandbox first = Sandbox.start(options, SandboxListener.NONE)) {
            exec(first.endpoints(), "create table wiped(v text)");
        }
        try (Sandbox fresh = Sandbox.start(options.withFresh(true), SandboxListener.NONE)) {
            assertThat(query(fresh.endpoints(), "select count(*) from pg_tables where tablename = 'wiped'"))
                    .containsExactly("0");
        }
    }

    @Test
    void aStopInTheMiddleOfStartingLeavesNoServerBehind(@TempDir Path dir) throws Exception {
        Process starting = startSandboxProcess(dir);
        Path redisPidFile = dir.resolve("redis.console.pid");
        Path postgresPidFile = dir.resolve("postgres.console.pid");
        List<ProcessHandle> ofTheSandbox = new ArrayList<>(); // handles: a pid reused meanwhile is not taken for one
        try {
            // In the middle of starting: Redis runs (a server the stop has to end) while PostgreSQL's cluster
            // is still being created (initdb, the one process naming postgres.init, runs; no postmaster yet).
            Eventually.await("Redis running and initdb creating PostgreSQL's cluster", Duration.ofSeconds(60),
                    () -> !starting.isAlive() || (livePidIn(redisPidFile).isPresent()
                            && !serversOf(dir.resolve("postgres.init")).isEmpty()));
            assertThat(starting.isAlive()).as("the sandbox process still starting (it did not fail on its own)").isTrue();
            // Redis rewrites its process title and initdb's backend names no directory: taken as the starting
            // process's descendants and by the pid files, not by their command lines
            starting.toHandle().descendants().forEach(ofTheSandbox::add);
            Optional<ProcessHandle> redis = livePidIn(redisPidFile);
            assertThat(redis).as("Redis running when the stop comes").isPresent();
            ofTheSandbox.add(redis.get());
            livePidIn(postgresPidFile).ifPresent(ofTheSandbox::add);
            ofTheSandbox.addAll(serversOf(dir));

            starting.destroy(); // SIGTERM: the sandbox closes while its start goes on in another thread
            assertThat(starting.waitFor(60, TimeUnit.SECONDS)).as("the sandbox process ended").isTrue();
            // a server started after the stop (PostgreSQL once initdb ended) has its pid file and names the directory
            livePidIn(redisPidFile).ifPresent(ofTheSandbox::add);
            livePidIn(postgresPidFile).ifPresent(ofTheSandbox::add);
            ofTheSandbox.addAll(serversOf(dir));
            // initdb is not the stop's to end: it runs on to its end (the sandbox gives it 120 s) with its backend
            Eventually.await("no process of the stopped sandbox running", Duration.ofSeconds(150),
                    () -> ofTheSandbox.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            starting.destroyForcibly();
            ofTheSandbox.forEach(ProcessHandle::destroyForcibly);
            serversOf(dir).forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aFirstStartKilledWhileTheClusterIsCreatedIsFollowedByAStartThatWorks(@TempDir Path dir) throws Exception {
        Process starting = startSandboxProcess(dir);
        try {
            Eventually.await("PostgreSQL's cluster being created", Duration.ofSeconds(60),
                    () -> Files.exists(dir.resolve("postgres.init/PG_VERSION")) || !starting.isAlive());
            assertThat(starting.isAlive()).as("the sandbox process still starting").isTrue();
            // a power cut: the console and initdb die at once, nothing gets to clean up
            serversOf(dir).forEach(ProcessHandle::destroyForcibly);
            starting.destroyForcibly();
            assertThat(starting.waitFor(60, TimeUnit.SECONDS)).isTrue();
            Eventually.await("initdb gone", Duration.ofSeconds(30), () -> serversOf(dir).isEmpty());
        } finally {
            starting.destroyForcibly();
            serversOf(dir).forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(Files.exists(dir.resolve("postgres/PG_VERSION"))).as("no cluster taken for a whole one").isFalse();

        SandboxOptions options = new SandboxOptions(dir, TestSandbox.cacheDir(), false, SandboxOptions.DEFAULT_TOPIC)
                .withAnyFreePorts();
        try (Sandbox next = Sandbox.start(options, SandboxListener.NONE)) {
            exec(next.endpoints(), "create table after_cut(v text)", "insert into after_cut values ('works')");
            assertThat(query(next.endpoints(), "select v from after_cut")).containsExactly("works");
        }
        assertThat(Files.exists(dir.resolve("postgres.init"))).as("the half-made cluster removed").isFalse();
    }

    /**
     * Live processes whose command line names {@code dir}, other than this JVM and the sandbox's: the postmaster and
     * initdb, never Redis (it rewrites its process title) nor initdb's backend (it names no directory).
     */
    private static List<ProcessHandle> serversOf(Path dir) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(dir.toString()))
                .filter(p -> !String.join(" ", p.info().arguments().orElse(new String[0])).contains("app.Main"))
                .toList();
    }

    private Process startSandboxProcess(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                // it logs with the tests, not into the user's console log
                "-Dtc.log.dir=" + System.getProperty("tc.log.dir", dir.getParent().toString()),
                "com.trafficmanager.console.app.Main", "sandbox", "--data-dir", dir.toString()));
        Process child = new ProcessBuilder(command)
                .redirectError(dir.getParent().resolve(dir.getFileName() + "-stderr.log").toFile()).start();
        children.add(child);
        return child;
    }

    /** A test that fails half way must not leave its sandbox's JVM running. */
    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static long pid(Path pidFile) throws Exception {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim()); // then its start time
    }

    /** The live process a pid file names; none when there is no file (a stop deletes it) or it is half written. */
    private static Optional<ProcessHandle> livePidIn(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void exec(SandboxEndpoints endpoints, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.jdbcUser(), "");
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    static List<String> query(SandboxEndpoints endpoints, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.jdbcUser(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static RecordMetadata produce(SandboxEndpoints endpoints, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(endpoints.topic(), "restart", value)).get(30, TimeUnit.SECONDS);
        }
    }

    static String consumeAt(SandboxEndpoints endpoints, RecordMetadata at) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(endpoints.topic(), at.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, at.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == at.offset()) {
                        return r.value();
                    }
                }
            }
        }
        return null;
    }
}
