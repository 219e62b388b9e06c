package com.trafficmanager.console.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Sample routes for a fresh sandbox, so an operator can try the console on something that looks like
 * a real installation: 3 tenants x 4 services x 3 envs x 2 versions = 72 routes, written through the
 * ordinary {@link RouteService} (each with its history and event). Every v1 is then activated, and so
 * is v2 in dev, in one bulk transaction.
 *
 * <p>Routes that already exist are left as they are, so loading twice is harmless. Blocks on JDBC.
 */
public final class SampleRoutes {
    public static final List<String> TENANTS = List.of("team-a", "team-b", "team-c");
    public static final List<String> SERVICES = List.of("payments", "checkout", "search", "accounts");
    public static final List<String> ENVS = List.of("dev", "staging", "prod");
    public static final List<String> VERSIONS = List.of("v1", "v2");

    private SampleRoutes() {
    }

    /** What was loaded: routes created and routes activated (existing routes are skipped). */
    public record Loaded(int created, int activated) {
    }

    public static List<RouteKey> keys() {
        List<RouteKey> keys = new ArrayList<>();
        for (String tenant : TENANTS) {
            for (String service : SERVICES) {
                for (String env : ENVS) {
                    for (String version : VERSIONS) {
                        keys.add(new RouteKey(tenant, service, env, version));
                    }
                }
            }
        }
        return keys;
    }

    public static String urlOf(RouteKey key) {
        return "https://" + key.service() + "-" + key.version() + "." + key.env() + "." + key.tenant()
                + ".example.com/api";
    }

    /** A load that failed part of the way: each route created is committed on its own and stays. */
    public static final class PartlyLoadedException extends RuntimeException {
        private final int created;

        PartlyLoadedException(int created, int of, RuntimeException cause) {
            super("created " + created + " of " + of + " sample routes (kept, inactive), then: " + cause.getMessage(),
                    cause);
            this.created = created;
        }

        public int created() {
            return created;
        }
    }

    /**
     * @throws PartlyLoadedException when a create or the activation failed after some routes were created
     *                               (they stay; a second load skips them, as it skips any route that exists)
     */
    public static Loaded load(RouteService service, OperatorContext operator) {
        List<VersionedKey> toActivate = new ArrayList<>();
        List<RouteKey> keys = keys();
        int created = 0;
        try {
            for (RouteKey key : keys) {
                try {
                    ChangeResult result = service.create(key, urlOf(key), operator);
                    created++;
                    if (key.version().equals("v1") || key.env().equals("dev")) {
                        toActivate.add(VersionedKey.of(result.after()));
                    }
                } catch (RouteAlreadyExistsException exists) {
                    // loaded before: keep it as the operator left it
                }
            }
            if (!toActivate.isEmpty()) {
                service.bulkActivate(toActivate, operator);
            }
        } catch (RuntimeException e) {
            if (created == 0) {
                throw e;
            }
            throw new PartlyLoadedException(created, keys.size(), e);
        }
        return new Loaded(created, toActivate.size());
    }
}
