package com.trafficmanager.console.app;

import com.trafficmanager.console.sandbox.SandboxOptions;

/** What the window needs to know about how it was started. */
public record LaunchContext(CommandLine commandLine, AppDirs dirs, SandboxOptions sandboxOptions) {
    public boolean smoke() {
        return commandLine.mode() == CommandLine.Mode.SMOKE;
    }
}
