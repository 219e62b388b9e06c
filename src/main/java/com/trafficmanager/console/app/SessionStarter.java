package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxEndpoints;
import com.trafficmanager.console.sandbox.SandboxException;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.SandboxOptions;
import java.util.Map;
import java.util.Set;

/**
 * Brings up what a console session needs, off the JavaFX thread: the sandbox servers (when the
 * sandbox is the chosen connection), then the session's clients. Knows nothing of JavaFX; progress
 * goes to a {@link SandboxListener}.
 */
final class SessionStarter {
    private SessionStarter() {
    }

    /** A started session, and the sandbox behind it when there is one (to stop on exit). */
    record Started(ConsoleSession session, Sandbox sandbox) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    static Started startSandbox(SandboxOptions options, SandboxListener listener) throws SandboxException {
        Sandbox sandbox = Sandbox.start(options, listener);
        try {
            return new Started(ConsoleSession.open(sandboxTarget(sandbox.endpoints())), sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    static ConnectionTarget sandboxTarget(SandboxEndpoints endpoints) {
        return new ConnectionTarget("sandbox", true, endpoints.jdbcUrl(), endpoints.jdbcUser(), "",
                endpoints.kafkaBootstrap(), Map.of(), endpoints.redisUri(), null, null, endpoints.topic(),
                "route-cache-invalidator", Set.of("prod"), false, System.getProperty("user.name", "operator"));
    }
}
