package com.trafficmanager.console.app;

import com.trafficmanager.console.config.ExternalConnection;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import java.util.HashSet;
import java.util.Map;

/** Turns a validated profile (and, for the sandbox, its running endpoints) into a connection target. */
final class ConnectionTargets {
    private ConnectionTargets() {
    }

    static ConnectionTarget sandbox(Profile profile, SandboxEndpoints endpoints) {
        return new ConnectionTarget(profile.name(), true, endpoints.jdbcUrl(), endpoints.jdbcUser(), "",
                endpoints.kafkaBootstrap(), Map.of(), endpoints.redisUri(), null, null, endpoints.topic(),
                profile.consumerGroup(), new HashSet<>(profile.protectedEnvs()), profile.readOnly(), profile.operator());
    }

    /** Resolves the profile's secrets from the environment or their files; says which one is missing. */
    static ConnectionTarget external(Profile profile, Map<String, String> env) throws SettingsException {
        profile.checkSecrets(env);
        ExternalConnection c = profile.connection().orElseThrow(() ->
                new IllegalArgumentException("profile '" + profile.name() + "' has no connection settings"));
        // null, not "": the driver then reads ~/.pgpass
        String jdbcPassword = c.jdbc().password().isPresent() ? c.jdbc().password().get().resolve(env) : null;
        String redisPassword = c.redis().password().isPresent() ? c.redis().password().get().resolve(env) : null;
        return new ConnectionTarget(profile.name(), false, c.jdbc().url(), c.jdbc().user(), jdbcPassword,
                c.kafka().bootstrap(), profile.kafkaClientProperties(env), c.redis().uri(), c.redis().user().orElse(null),
                redisPassword, profile.topic(), profile.consumerGroup(), new HashSet<>(profile.protectedEnvs()),
                profile.readOnly(), profile.operator());
    }
}
