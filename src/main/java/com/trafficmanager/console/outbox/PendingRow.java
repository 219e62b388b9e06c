package com.trafficmanager.console.outbox;

import java.util.UUID;

/** An unpublished outbox row as the relay reads it. */
record PendingRow(long id, UUID eventId, String key, String eventVersion, byte[] payload, int attempts) {
}
