package com.trafficmanager.console.ui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up screen never shows a spinner for a server once the attempt is over. */
class StartupModelTest {

    @Test
    void aFailedAttemptStopsTheRowsItDidNotFinishAndKeepsTheOthers() {
        StartupModel model = new StartupModel("Connecting to staging", List.of("PostgreSQL", "Kafka", "Redis"));
        model.progress("PostgreSQL", ServerRowModel.Phase.READY, "connected");
        model.progress("Kafka", ServerRowModel.Phase.WORKING, "connecting");

        model.failed("profile 'staging': redis.password: environment variable REDIS_PASSWORD is not set");

        assertThat(model.rows()).extracting(r -> r.phaseProperty().get()).containsExactly(
                ServerRowModel.Phase.READY, ServerRowModel.Phase.ABANDONED, ServerRowModel.Phase.ABANDONED);
        assertThat(model.rows()).extracting(r -> r.detailProperty().get())
                .containsExactly("connected", "given up", "not tried");
        assertThat(model.failureProperty().get()).contains("REDIS_PASSWORD is not set");
    }

    @Test
    void retryPutsEveryRowBackToWaiting() {
        StartupModel model = new StartupModel("Connecting to staging", List.of("PostgreSQL", "Kafka"));
        model.setRetry(() -> { });
        model.failed("unreachable");
        model.retry();
        assertThat(model.rows()).extracting(r -> r.phaseProperty().get())
                .containsOnly(ServerRowModel.Phase.WAITING);
        assertThat(model.failureProperty().get()).isNull();
    }
}
