package com.trafficmanager.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A migration a database has applied is never edited again, not even a comment: Flyway checks each
 * applied migration's checksum at every start, and a writing console would refuse to start on every
 * database that ran the old text. A change to the schema, or a better comment, goes in a new migration.
 * When a migration is added, its digest is added here.
 */
class ReleasedMigrationsTest {
    private static final Map<String, String> RELEASED = Map.of(
            "V1__route_write_path.sql", "14292d2626745e5b050af8b35779873db58635c9e53bea8bca3bb4eb0595f780",
            "V2__route_history_time_index.sql", "ecf1c6afa4a8364d21e54109087064cb3abc783713e8de1d64e55538ee30ea64");

    @Test
    void releasedMigrationsAreUnchanged() throws Exception {
        for (Map.Entry<String, String> m : RELEASED.entrySet()) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/" + m.getKey())) {
                assertThat(in).as("migration %s on the class path", m.getKey()).isNotNull();
                String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                assertThat(digest).as("SHA-256 of %s, released: edit a new migration instead", m.getKey())
                        .isEqualTo(m.getValue());
            }
        }
    }
}
