package com.trafficmanager.console.route;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who makes a change and from where, and whether the connection profile allows changes at all. The
 * app builds it from the connection profile; the service refuses every write when {@code readOnly},
 * whatever the UI shows.
 */
public record OperatorContext(String userId, String hostName, boolean readOnly) {

    public OperatorContext {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be empty");
        }
        hostName = hostName == null || hostName.isBlank() ? "unknown" : hostName;
    }

    /** The operating-system user on this machine. */
    public static OperatorContext currentUser(boolean readOnly) {
        String user = System.getProperty("user.name", "unknown");
        return new OperatorContext(user.isBlank() ? "unknown" : user, localHostName(), readOnly);
    }

    /**
     * The host name from the environment when set, else from the resolver. Hazard: the resolver can
     * block for seconds on a badly configured machine, so call this off the UI thread.
     */
    public static String localHostName() {
        String env = System.getenv("HOSTNAME");
        if (env == null || env.isBlank()) {
            env = System.getenv("COMPUTERNAME");
        }
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
