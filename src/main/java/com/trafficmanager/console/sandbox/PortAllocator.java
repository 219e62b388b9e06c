package com.trafficmanager.console.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks loopback ports for the sandbox servers: the stable default when it is free, so that
 * {@code psql}, {@code kcat} and {@code redis-cli} commands stay the same from one run to the next,
 * otherwise any free port. A fixed port that fails when taken is never used.
 *
 * <p>Hazard: between probing and binding another process may take the port; the servers report a
 * bind failure in that case ({@link #isPortConflict}) and start again on a fresh free port.
 */
public final class PortAllocator {
    /** The address the servers bind: 127.0.0.1 even where Java prefers IPv6 (its loopback is then ::1). */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress() instanceof java.net.Inet4Address
            ? InetAddress.getLoopbackAddress() : ipv4Loopback();

    private PortAllocator() {
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** The preferred port when it can be bound on 127.0.0.1 now, otherwise an ephemeral free port. */
    public static int preferredOrFree(int preferred) {
        if (preferred > 0 && isFree(preferred)) {
            return preferred;
        }
        return freePort();
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new java.net.InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Attempts a server makes before it gives up on finding a free port. */
    static final int BIND_ATTEMPTS = 3;

    /** Whether a start failed because its port was taken after it was probed. */
    static boolean isPortConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Address already in use") || m.contains("could not bind")
                    || m.contains("SocketServer Acceptors") || t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
