package com.trafficmanager.console.audit;

import com.trafficmanager.console.event.Action;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the audit log shows: exact matches on actor, tenant, service, env and action, a time range
 * ({@code from} inclusive, {@code to} exclusive), and at most {@code limit} entries, newest first.
 * {@code olderThanId} pages on: the next page starts below the last entry's id.
 *
 * <p>Values are matched as typed; empty strings count as "any". The filter is validated where it is
 * typed (the view model) so that the query never sees a nonsense range.
 */
public record AuditFilter(Optional<String> actor, Optional<String> tenant, Optional<String> service,
                          Optional<String> env, Optional<Action> action, Optional<Instant> from,
                          Optional<Instant> to, int limit, Optional<Long> olderThanId) {
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 10_000;

    public static final AuditFilter ALL = new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT, Optional.empty());

    public AuditFilter {
        actor = blankToEmpty(actor);
        tenant = blankToEmpty(tenant);
        service = blankToEmpty(service);
        env = blankToEmpty(env);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(olderThanId, "olderThanId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from (" + from.get() + ") must be before to (" + to.get() + ")");
        }
    }

    public AuditFilter withActor(String value) {
        return new AuditFilter(Optional.ofNullable(value), tenant, service, env, action, from, to, limit, olderThanId);
    }

    public AuditFilter withTenant(String value) {
        return new AuditFilter(actor, Optional.ofNullable(value), service, env, action, from, to, limit, olderThanId);
    }

    public AuditFilter withService(String value) {
        return new AuditFilter(actor, tenant, Optional.ofNullable(value), env, action, from, to, limit, olderThanId);
    }

    public AuditFilter withEnv(String value) {
        return new AuditFilter(actor, tenant, service, Optional.ofNullable(value), action, from, to, limit, olderThanId);
    }

    public AuditFilter withAction(Action value) {
        return new AuditFilter(actor, tenant, service, env, Optional.ofNullable(value), from, to, limit, olderThanId);
    }

    public AuditFilter withRange(Instant fromInclusive, Instant toExclusive) {
        return new AuditFilter(actor, tenant, service, env, action, Optional.ofNullable(fromInclusive),
                Optional.ofNullable(toExclusive), limit, olderThanId);
    }

    public AuditFilter withLimit(int value) {
        return new AuditFilter(actor, tenant, service, env, action, from, to, value, olderThanId);
    }

    public AuditFilter olderThan(long id) {
        return new AuditFilter(actor, tenant, service, env, action, from, to, limit, Optional.of(id));
    }

    private static Optional<String> blankToEmpty(Optional<String> value) {
        return Objects.requireNonNull(value, "filter value").map(String::strip).filter(s -> !s.isEmpty());
    }
}
