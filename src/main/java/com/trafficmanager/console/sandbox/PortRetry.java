package com.trafficmanager.console.sandbox;

import java.io.IOException;

/**
 * Starts a child-process server on its port and, when that port was taken between probing and
 * binding (see {@link PortAllocator}), kills the failed attempt and starts it again on a fresh free port.
 */
final class PortRetry {
    /** One attempt on a given port; throws when the server did not come up. */
    interface Attempt {
        void startOn(int port) throws IOException, InterruptedException;
    }

    private PortRetry() {
    }

    /** @return the port the server serves on */
    static int start(String server, int port, ManagedProcess process, SandboxListener listener, Attempt attempt)
            throws IOException, InterruptedException {
        for (int tries = 1; ; tries++) {
            try {
                attempt.startOn(port);
                return port;
            } catch (IOException e) {
                process.kill();
                if (tries == PortAllocator.BIND_ATTEMPTS || !PortAllocator.isPortConflict(e)) {
                    throw e;
                }
                port = PortAllocator.freePort();
                listener.onProgress(server, ServerState.STARTING, "port taken meanwhile; starting on port " + port);
            }
        }
    }
}
