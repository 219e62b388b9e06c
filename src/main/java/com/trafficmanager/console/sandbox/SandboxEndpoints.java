package com.trafficmanager.console.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the running sandbox servers listen. Written to {@code sandbox.json} in the data directory
 * so that {@code psql}, {@code kcat} and {@code redis-cli} can look in while the console runs.
 */
public record SandboxEndpoints(String jdbcUrl, String jdbcUser, String kafkaBootstrap, String redisUri,
                               String topic) {

    public static final String FILE_NAME = "sandbox.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("jdbcUrl", jdbcUrl);
        map.put("jdbcUser", jdbcUser);
        map.put("kafkaBootstrap", kafkaBootstrap);
        map.put("redisUri", redisUri);
        map.put("topic", topic);
        return map;
    }

    /** One line of JSON, as the {@code sandbox} mode prints it on stdout. */
    public String toJsonLine() {
        try {
            return JSON.writeValueAsString(asMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the file atomically so that a reader never sees half of it. */
    public void writeTo(Path dataDir) throws IOException {
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, toJsonLine() + System.lineSeparator());
        Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public static SandboxEndpoints readFrom(Path dataDir) throws IOException {
        Map<?, ?> map = JSON.readValue(dataDir.resolve(FILE_NAME).toFile(), Map.class);
        return new SandboxEndpoints((String) map.get("jdbcUrl"), (String) map.get("jdbcUser"),
                (String) map.get("kafkaBootstrap"), (String) map.get("redisUri"), (String) map.get("topic"));
    }

    public String psqlCommand() {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String hostPort = rest.substring(0, slash);
        String db = rest.substring(slash + 1);
        int colon = hostPort.lastIndexOf(':');
        return "psql -h " + hostPort.substring(0, colon) + " -p " + hostPort.substring(colon + 1)
                + " -U " + jdbcUser + " " + db;
    }

    public String kcatCommand() {
        return "kcat -b " + kafkaBootstrap + " -t " + topic + " -C -f '%p/%o %k %s\\n'";
    }

    public String redisCliCommand() {
        return "redis-cli -u " + redisUri;
    }
}
