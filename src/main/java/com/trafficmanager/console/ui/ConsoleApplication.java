package com.trafficmanager.console.ui;

import com.trafficmanager.console.app.LaunchContext;

public final class ConsoleApplication {
    public static int launchConsole(LaunchContext context) {
        return 1;
    }
}
