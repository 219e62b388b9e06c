package com.trafficmanager.console.ui.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time-range fields of the audit log as an operator types them: empty (no bound), a relative
 * age ({@code 15m}, {@code 2h}, {@code 7d}: that long ago), a local date ({@code 2024-01-14}, its
 * midnight), a local date and time ({@code 2024-01-14 10:30}), or an instant ({@code 2024-01-14T10:30:00Z}).
 * Pure, so the rules are unit-tested; the message of a refusal says what is accepted.
 */
public final class TimeInput {
    static final String ACCEPTED = "use 15m, 2h, 7d, 2024-01-14, 2024-01-14 10:30 or 2024-01-14T10:30:00Z";
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})\\s*([mhd])");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private TimeInput() {
    }

    /** @throws IllegalArgumentException with what is accepted */
    public static Optional<Instant> parse(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RELATIVE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration ago = switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return Optional.of(now.minus(ago));
        }
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Optional.of(java.time.OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t.replace('T', ' '), LOCAL).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not a time; " + ACCEPTED);
        }
    }
}
