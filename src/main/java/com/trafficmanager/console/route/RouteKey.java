package com.trafficmanager.console.route;

import com.trafficmanager.console.event.EventKeys;
import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of a route: tenant / service / env / version. Constructing one does not validate it
 * (rows read back must always load); the service validates every key it is asked to write, with
 * {@link RouteValidator}.
 */
public record RouteKey(String tenant, String service, String env, String version) implements Comparable<RouteKey> {

    /** The order in which a transaction locks several routes: one order everywhere, so no deadlock. */
    public static final Comparator<RouteKey> LOCK_ORDER = Comparator.comparing(RouteKey::tenant)
            .thenComparing(RouteKey::service).thenComparing(RouteKey::env).thenComparing(RouteKey::version);

    public RouteKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(version, "version");
    }

    /** The Kafka key of this route's events, {@code tenant:service:env:version}. */
    public String eventKey() {
        return EventKeys.of(tenant, service, env, version);
    }

    @Override
    public int compareTo(RouteKey other) {
        return LOCK_ORDER.compare(this, other);
    }

    /** {@code tenant/service/env/version}, as messages and the UI show a route. */
    @Override
    public String toString() {
        return tenant + '/' + service + '/' + env + '/' + version;
    }
}
