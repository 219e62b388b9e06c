package com.trafficmanager.console.ui.routes;

import java.time.Duration;
import java.util.Set;

/**
 * What the Routes tab takes from the connection profile: its name (for messages), the protected envs
 * whose changes need confirmation, whether it is the sandbox (sample routes) and how often to look for
 * changes made by other consoles.
 */
public record RoutesSettings(String profileName, Set<String> protectedEnvs, boolean sandbox, Duration pollInterval) {
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    public RoutesSettings {
        protectedEnvs = Set.copyOf(protectedEnvs);
    }

    public boolean isProtected(String env) {
        return protectedEnvs.contains(env);
    }
}
