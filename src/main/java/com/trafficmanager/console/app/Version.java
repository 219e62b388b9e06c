package com.trafficmanager.console.app;

/** The console's version, from the jar manifest (the pom's version), or "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
