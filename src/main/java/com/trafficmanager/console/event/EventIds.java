package com.trafficmanager.console.event;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * New event and request ids: RFC 9562 version-7 UUIDs (48-bit Unix milliseconds, then random bits).
 * They are ordinary UUIDs to every reader, but ids made later sort later, so the unique indexes on
 * them grow at the right edge instead of touching a random page per insert, which keeps bulk writes
 * and their WAL small.
 */
public final class EventIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private EventIds() {
    }

    public static UUID next() {
        byte[] r = new byte[10];
        RANDOM.nextBytes(r);
        long millis = System.currentTimeMillis();
        long msb = (millis << 16) | 0x7000L | ((r[0] & 0x0fL) << 8) | (r[1] & 0xffL);
        long lsb = 0x8000000000000000L | ((r[2] & 0x3fL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (r[i] & 0xffL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }
}
