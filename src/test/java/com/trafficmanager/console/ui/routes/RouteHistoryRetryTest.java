package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history pane of a route whose history could not be read (PostgreSQL refused the connection) is
 * read again once the database answers, without the operator changing anything. The outage is a
 * refused connection in front of the real sandbox database.
 */
class RouteHistoryRetryTest {
    private static final OperatorContext ALICE = new OperatorContext("alice", "test-host", false);
    private final AtomicBoolean down = new AtomicBoolean();
    private RoutesViewModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private DataSource refusingWhileDown(DataSource real) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused (PostgreSQL is down)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aHistoryThatCouldNotBeReadIsReadAgainWhenTheDatabaseAnswers() {
        DataSource real = WritePathFixture.database().dataSource();
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("hist"), "payments", "dev", "v1");
        new RouteService(real, () -> { }).create(key, "https://pay.example.com", ALICE);

        model = new RoutesViewModel(new RouteService(refusingWhileDown(real), () -> { }), ALICE,
                new RoutesSettings("test", Set.of("prod"), true, Duration.ofMillis(200)), Runnable::run);
        model.start(null);
        Eventually.await("the route in the table", Duration.ofSeconds(30),
                () -> model.table().rows().stream().anyMatch(r -> r.key().equals(key)));

        down.set(true);
        model.setSelection(model.table().rows().stream().filter(r -> r.key().equals(key)).toList());
        Eventually.await("the history read failing", Duration.ofSeconds(30),
                () -> model.history().titleProperty().get().startsWith("History of " + key + ": could not be read"));
        assertThat(model.history().titleProperty().get()).endsWith("it is read again when the database answers");

        down.set(false);
        Eventually.await("the history read again", Duration.ofSeconds(30),
                () -> model.history().titleProperty().get().equals("History of " + key + " (1 change)"));
        assertThat(model.history().rows()).hasSize(1);
    }
}
