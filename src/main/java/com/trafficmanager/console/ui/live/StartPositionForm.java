package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.StartPosition;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Turns the start-position inputs (a kind and a text) into a {@link StartPosition}, or into a
 * message naming the field and the rule.
 */
final class StartPositionForm {
    private StartPositionForm() {
    }

    /** Either a position or an error; exactly one is set. */
    record Result(StartPosition position, String error) {
    }

    /** Kafka finds records by milliseconds since 1970 in a long; the form keeps to calendar years that fit. */
    private static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59Z");

    static Result parse(StartPosition.Kind kind, String input) {
        String text = input == null ? "" : input.trim();
        return switch (kind) {
            case LATEST -> new Result(StartPosition.latest(), null);
            case BEGINNING -> new Result(StartPosition.beginning(), null);
            case OFFSET -> {
                try {
                    long offset = Long.parseLong(text);
                    yield offset < 0 ? new Result(null, "offset: must be 0 or more, got " + text)
                            : new Result(StartPosition.offset(offset), null);
                } catch (NumberFormatException e) {
                    yield new Result(null, "offset: must be a whole number, got '" + text + "'");
                }
            }
            case TIMESTAMP -> {
                Instant t = time(text);
                if (t == null) {
                    yield new Result(null, "time: must be like 2024-01-14T10:30:00Z or 2024-01-14 10:30:00 (UTC), got '"
                            + text + "'");
                }
                yield t.isBefore(Instant.EPOCH) || t.isAfter(LATEST_TIME)
                        ? new Result(null, "time: must be between 1970-01-01 and 9999-12-31 (UTC), got '" + text + "'")
                        : new Result(StartPosition.timestamp(t), null);
            }
        };
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try a local date-time, read as UTC
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
