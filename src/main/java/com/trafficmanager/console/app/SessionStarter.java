package com.trafficmanager.console.app;

import com.trafficmanager.console.connect.ConnectionTarget;
import com.trafficmanager.console.sandbox.Sandbox;
import com.trafficmanager.console.sandbox.SandboxException;
import com.trafficmanager.console.sandbox.SandboxListener;
import com.trafficmanager.console.sandbox.SandboxOptions;
import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.SettingsException;
import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.sandbox.ServerState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up what a console session needs, off the JavaFX thread: the sandbox servers (when the
 * sandbox is the chosen profile) or the check that an external installation answers, then the
 * session's clients. Knows nothing of JavaFX; progress
 * goes to a {@link SandboxListener}.
 */
final class SessionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStarter.class);

    private SessionStarter() {
    }

    /** A started session, and the sandbox behind it when there is one (to stop on exit). */
    record Started(ConsoleSession session, Sandbox sandbox) implements AutoCloseable {
        @Override
        public void close() {
            try {
                session.close();
            } finally {
                if (sandbox != null) {
                    sandbox.close(); // its servers stop even when a client of the session failed to close
                }
            }
        }
    }

    /** The row of the step that failed (migrations, pools, clients); the reason shows below the rows. */
    private static final String SESSION_NOT_OPENED = "the session did not open";

    static Started startSandbox(Profile profile, SandboxOptions options, SandboxListener listener)
            throws SandboxException {
        Sandbox sandbox = Sandbox.start(options, listener);
        try {
            listener.onProgress("PostgreSQL", ServerState.STARTING, "applying the schema migrations");
            ConsoleSession session = ConsoleSession.open(ConnectionTargets.sandbox(profile, sandbox.endpoints()),
                    new SandboxRedisSwitch(sandbox));
            listener.onProgress("PostgreSQL", ServerState.SERVING, "serving, schema up to date");
            return new Started(session, sandbox);
        } catch (RuntimeException | Error e) { // an Error too: Retry would find the directory held by this console
            listener.onProgress("PostgreSQL", ServerState.FAILED, SESSION_NOT_OPENED);
            sandbox.close();
            throw e;
        }
    }

    /** How long each server of an external profile may take to answer before the console says it is down. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(5);
    /** What the start-up screen adds to a Kafka or Redis that did not answer. */
    static final String OPENS_WITHOUT = "; the console opens without it and keeps trying";

    /**
     * Connects to an external installation and checks each server once, each within {@link #REACH_TIMEOUT}.
     * Without PostgreSQL there is no session, and a setting that is wrong (a refused login, a topic that
     * does not exist, a host name that does not resolve, TLS) has to be fixed first: it fails naming every
     * server that failed and why, and nothing is left open. A Kafka or Redis that only does not answer does
     * not stop it: changes still commit (the outbox publishes them once Kafka is back), the Routes and Audit
     * tabs work, and the status bar shows the server down until the health monitor finds it again.
     */
    static Started connect(Profile profile, Map<String, String> env, SandboxListener listener)
            throws SettingsException, UnreachableException {
        ConnectionTarget target = ConnectionTargets.external(profile, env);
        // the profile editor's "Test connection" check, before the session opens pools that would wait out
        // their own, longer timeouts on the first server that is down
        List.of("PostgreSQL", "Kafka", "Redis").forEach(s -> listener.onProgress(s, ServerState.STARTING, "connecting"));
        List<String> failures = new ArrayList<>();
        boolean fatal = false;
        boolean allUnreachable = true;
        for (ConnectionTester.Result result : new ConnectionTester(REACH_TIMEOUT).test(profile, env)) {
            if (result.ok()) {
                listener.onProgress(result.server(), ServerState.SERVING, "connected");
                continue;
            }
            boolean without = result.unreachable() && !result.server().equals("PostgreSQL");
            fatal |= !without;
            allUnreachable &= result.unreachable();
            listener.onProgress(result.server(), ServerState.FAILED, result.detail() + (without ? OPENS_WITHOUT : ""));
            failures.add(result.server() + ": " + result.detail());
        }
        if (fatal) {
            throw new UnreachableException((allUnreachable ? "could not reach " : "could not open the profile: ")
                    + String.join("; ", failures));
        }
        if (!failures.isEmpty()) {
            LOG.warn("profile {}: opening without {}; the status bar shows it and the console keeps trying",
                    profile.name(), String.join("; ", failures));
        }
        listener.onProgress("PostgreSQL", ServerState.STARTING, profile.readOnly()
                ? "opening the connection pool" : "applying the schema migrations");
        ConsoleSession session;
        try {
            session = ConsoleSession.open(target);
        } catch (RuntimeException e) {
            listener.onProgress("PostgreSQL", ServerState.FAILED, SESSION_NOT_OPENED);
            throw e;
        }
        listener.onProgress("PostgreSQL", ServerState.SERVING, "connected");
        return new Started(session, null);
    }

    /** The sandbox's Redis, for the Invalidation tab's outage drill. */
    private record SandboxRedisSwitch(Sandbox sandbox) implements com.trafficmanager.console.invalidation.FaultInjector.RedisSwitch {
        @Override
        public void stopRedis() {
            sandbox.stopRedis();
        }

        @Override
        public void startRedis() throws Exception {
            sandbox.startRedis();
        }
    }

    /** One or more servers of a profile did not answer; the message names each and why. */
    static final class UnreachableException extends Exception {
        UnreachableException(String message) {
            super(message);
        }
    }
}
