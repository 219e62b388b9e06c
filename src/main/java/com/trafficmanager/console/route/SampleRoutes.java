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

    public static Loaded load(RouteService service, OperatorContext operator) {
        List<VersionedKey> toActivate = new ArrayList<>();
        int created = 0;
        for (RouteKey key : keys()) {
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
        return new Loaded(created, toActivate.size());
    }
}
