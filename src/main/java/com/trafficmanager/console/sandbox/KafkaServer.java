package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) running inside the console's
 * JVM. Its log survives restarts; the storage is formatted once, on first start.
 *
 * <p>Hazard: on a fatal fault (a port it cannot bind, a storage error) Kafka halts its process. Here
 * that process is the console, so {@link #keepTheConsoleAlive()} turns Kafka's halt and exit into an
 * exception: the broker fails, the console shows it and may start it again.
 */
final class KafkaServer {
    static final String NAME = "Kafka";
    static final int PARTITIONS = 6;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path logDir;
    /** Off for the console's sandbox; tests of the console's own refusal to create topics need a broker that would. */
    private final boolean autoCreateTopics;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;

    KafkaServer(Path sandboxDir) {
        this(sandboxDir, false);
    }

    KafkaServer(Path sandboxDir, boolean autoCreateTopics) {
        this.logDir = sandboxDir.resolve("kafka");
        this.autoCreateTopics = autoCreateTopics;
    }

    void start(int preferredPort, int preferredControllerPort, String topic, SandboxListener listener)
            throws IOException, InterruptedException {
        port = preferredPort;
        controllerPort = preferredControllerPort;
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            listener.onProgress(NAME, ServerState.STARTING, "formatting storage");
            format();
        }
        listener.onProgress(NAME, ServerState.STARTING, "starting broker on port " + port);
        for (int attempt = 1; ; attempt++) {
            try {
                restart();
                break;
            } catch (RuntimeException | IOException e) {
                // after a failed start the broker has closed its sockets: a port still taken is someone else's
                boolean taken = PortAllocator.isPortConflict(e) || !PortAllocator.isFree(port)
                        || !PortAllocator.isFree(controllerPort);
                if (attempt == PortAllocator.BIND_ATTEMPTS || !taken) {
                    throw e;
                }
                port = PortAllocator.freePort();
                controllerPort = PortAllocator.freePort();
                listener.onProgress(NAME, ServerState.STARTING, "port taken meanwhile; starting on port " + port);
            }
        }
        listener.onProgress(NAME, ServerState.STARTING, "creating topic " + topic);
        ensureTopic(topic);
    }

    /**
     * Kafka's fault handlers call {@code Exit.halt}/{@code Exit.exit}; in the console's JVM those must
     * not end the console. Affects only Kafka's own calls: the console never uses Kafka's Exit.
     */
    static void keepTheConsoleAlive() {
        org.apache.kafka.common.utils.Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("the embedded Kafka broker failed fatally (it asked to halt with "
                    + status + (message == null ? "" : ": " + message) + ")");
        });
        org.apache.kafka.common.utils.Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("the embedded Kafka broker failed fatally (it asked to exit with "
                    + status + (message == null ? "" : ": " + message) + ")");
        });
    }

    /** Starts the broker on the same ports (after {@link #stop}), so clients reconnect by themselves. */
    void restart() throws IOException, InterruptedException {
        keepTheConsoleAlive();
        server = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(), false), Time.SYSTEM);
        try {
            server.startup();
            awaitCluster();
        } catch (RuntimeException | IOException | InterruptedException e) {
            // a half-started broker, or one that never became ready, holds threads, ports and the log
            // directory's lock: release them before any retry, or the retry fails on the lock and this
            // broker runs on with nothing to stop it
            stop();
            throw e;
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    void stop() {
        KafkaRaftServer s = server;
        server = null;
        if (s != null) {
            s.shutdown();
            s.awaitShutdown();
        }
    }

    private void format() throws IOException {
        Files.createDirectories(logDir);
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IOException("could not format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        p.put("num.partitions", Integer.toString(PARTITIONS));
        p.put("auto.create.topics.enable", Boolean.toString(autoCreateTopics));
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        // A restarted broker must not wait out the session of its previous run before it may serve.
        p.put("broker.session.timeout.ms", "3000");
        p.put("broker.heartbeat.interval.ms", "500");
        return p;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    }

    private void awaitCluster() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    last = e;
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("Kafka did not answer on " + bootstrap() + " within " + START_TIMEOUT.toSeconds()
                + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    private void ensureTopic(String topic) throws IOException, InterruptedException {
        try (Admin admin = admin()) {
            Set<String> names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            if (!names.contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                            .all().get(20, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("could not create topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
