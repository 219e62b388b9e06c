package com.trafficmanager.console.testing;

import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/** The headless JavaFX toolkit (Monocle) with the console's theme, as the UI tests need it. */
public final class HeadlessFx {
    private HeadlessFx() {
    }

    /** Starts the toolkit once per JVM and sets the console's light theme; returns the primary stage. */
    public static Stage start() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> javafx.application.Application.setUserAgentStylesheet(
                new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet()));
        return stage;
    }
}
