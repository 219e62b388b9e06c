package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.route.RouteWatcher;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Routes tab's view model on the real sandbox database, with the connections it gets held or
 * refused in front of it (as when PostgreSQL is slow or down):
 * a history that could not be read is read again once the database answers, and a change asked for
 * before the tab closes still commits.
 */
class RoutesViewModelOnDatabaseTest {
    private static final OperatorContext ALICE = new OperatorContext("alice", "test-host", false);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final DataSource real = WritePathFixture.database().dataSource();
    private final AtomicBoolean down = new AtomicBoolean();
    /** While set, a connection for a change is handed out only once the latch opens. */
    private final AtomicReference<CountDownLatch> held = new AtomicReference<>();
    private final CountDownLatch heldOne = new CountDownLatch(1);
    private RoutesViewModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private DataSource inFrontOfTheDatabase() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (down.get()) {
                            throw new SQLException("Connection refused (PostgreSQL is down)");
                        }
                        CountDownLatch gate = held.get();
                        // only the tab's change thread waits: the watcher's polls go on
                        if (gate != null && Thread.currentThread().getName().startsWith("routes-actions")) {
                            heldOne.countDown();
                            gate.await();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Route shown(RouteKey key, RouteState state) {
        Route route = new RouteService(real, () -> { }).create(key, "https://pay.example.com", ALICE).after();
        model = new RoutesViewModel(new RouteService(inFrontOfTheDatabase(), () -> { }), ALICE,
                new RoutesSettings("test", Set.of("prod"), true, Duration.ofMillis(200)), Runnable::run);
        model.start(new ScriptedPrompts(c -> true, (r, proposed) -> Optional.empty()));
        Eventually.await("the route in the table", WAIT,
                () -> model.table().rows().stream().anyMatch(r -> r.key().equals(key)));
        assertThat(route.state()).isEqualTo(state);
        return route;
    }

    private void select(RouteKey key) {
        model.setSelection(model.table().rows().stream().filter(r -> r.key().equals(key)).toList());
    }

    @Test
    void aHistoryThatCouldNotBeReadIsReadAgainWhenTheDatabaseAnswers() {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("hist"), "payments", "dev", "v1");
        shown(key, RouteState.INACTIVE);

        down.set(true);
        select(key);
        Eventually.await("the history read failing", WAIT,
                () -> model.history().titleProperty().get().startsWith("History of " + key + ": could not be read"));
        assertThat(model.history().titleProperty().get())
                .endsWith("it is read again when the database is back, or on Reload");

        Eventually.await("the tab's poll to see the database gone", WAIT,
                () -> model.backlogProperty().get() != null && model.backlogProperty().get().pendingCount() < 0);
        down.set(false);
        Eventually.await("the history read again", WAIT,
                () -> model.history().titleProperty().get().equals("History of " + key + " (1 change)"));
        assertThat(model.history().rows()).hasSize(1);
    }

    @Test
    void aChangeAskedForBeforeTheTabClosesStillCommits() throws Exception {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("closing"), "payments", "dev", "v1");
        shown(key, RouteState.INACTIVE);
        select(key);
        CountDownLatch gate = new CountDownLatch(1);
        held.set(gate);
        model.activateSelected();
        assertThat(heldOne.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .as("the change waiting for its connection").isTrue();

        model.close(); // the window closes while the change waits
        held.set(null);
        gate.countDown();
        assertThat(model.awaitChanges(WAIT)).as("the change finished").isTrue();
        assertThat(new RouteService(real, () -> { }).find(key).orElseThrow().state()).isEqualTo(RouteState.ACTIVE);
    }

    @Test
    void aRouteCreatedAgainAfterItsDeleteIsRevealedAgain() {
        RouteKey other = new RouteKey(WritePathFixture.uniqueTenant("reveal"), "payments", "dev", "v1");
        shown(other, RouteState.INACTIVE);
        RouteKey key = new RouteKey(other.tenant(), "checkout", "dev", "v1");
        java.util.List<RouteKey> revealed = new java.util.concurrent.CopyOnWriteArrayList<>();
        model.revealProperty().addListener((obs, old, k) -> {
            if (k != null) {
                revealed.add(k);
            }
        });
        createInForm(key);
        Eventually.await("the new route revealed", WAIT, () -> revealed.size() == 1);

        Eventually.await("the new route in the table", WAIT,
                () -> model.table().rows().stream().anyMatch(r -> r.key().equals(key)));
        select(key);
        model.deleteSelected();
        Eventually.await("the route deleted", WAIT, () -> new RouteService(real, () -> { }).find(key).isEmpty());
        createInForm(key);
        Eventually.await("the same key revealed a second time", WAIT, () -> revealed.size() == 2);
        assertThat(revealed).containsExactly(key, key);
    }

    private void createInForm(RouteKey key) {
        CreateRouteModel form = model.newCreateForm();
        form.field("tenant").set(key.tenant());
        form.field("service").set(key.service());
        form.field("env").set(key.env());
        form.field("version").set(key.version());
        form.field("url").set("https://checkout.example.com");
        model.create(form, () -> { });
    }

    @Test
    void theTableHoldsAtMostTheWatchersBoundAndSaysMoreExist() throws Exception {
        RouteService service = new RouteService(real, () -> { });
        String tenant = WritePathFixture.uniqueTenant("bound");
        for (int i = 0; i < 4; i++) { // the database holds at least these four
            service.create(new RouteKey(tenant, "svc" + i, "dev", "v1"), "https://svc.example.com", ALICE);
        }
        java.util.concurrent.BlockingQueue<RouteWatcher.Delta> deltas = new java.util.concurrent.LinkedBlockingQueue<>();
        RouteWatcher.Delta first;
        try (RouteWatcher watcher = new RouteWatcher(service, Duration.ofHours(1), false, deltas::add, 3)) {
            watcher.start();
            first = deltas.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(first).isNotNull();
        assertThat(first.upserts()).hasSize(3);
        assertThat(first.truncated()).isTrue();
        RouteTable table = new RouteTable();
        table.apply(first);
        assertThat(table.rows()).hasSize(3);
        assertThat(table.countsProperty().get()).endsWith(
                " (more exist: only the first 3 by key are loaded)");
    }
}
