package com.trafficmanager.console.bench;

import com.trafficmanager.console.app.AppDirs;
import java.io.PrintStream;
import java.util.List;

public final class BenchMain {
    private BenchMain() {
    }

    public static int run(List<String> scenarios, AppDirs dirs, PrintStream out) {
        return 1;
    }
}
