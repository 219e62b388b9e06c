package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.route.RouteWatcher;
import com.trafficmanager.console.testing.DatabaseOutage;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Routes tab's view model on the real sandbox database, connected as a login role of its own so that
 * PostgreSQL can go away for it alone ({@link DatabaseOutage}: its logins refused, its sessions ended by the
 * server) or be slow to give it a connection (every connection of its pool in use):
 * a history that could not be read is read again once the database answers, and a change asked for
 * before the tab closes still commits.
 */
class RoutesViewModelOnDatabaseTest {
    private static final OperatorContext ALICE = new OperatorContext("alice", "test-host", false);
    /**
     * Generous: while the database is away a read fails only after the pool's connection timeout (10 s), and
     * once it is back the pool logs in again after its retry backoff (up to 10 s more).
     */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final DataSource real = WritePathFixture.database().dataSource();
    /** The model's database, as its own role (set by {@link #shown}). */
    private DatabaseOutage own;
    private RoutesViewModel model;

    @AfterEach
    void close() {
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private Route shown(RouteKey key, RouteState state) {
        Route route = new RouteService(real, () -> { }).create(key, "https://pay.example.com", ALICE).after();
        own = DatabaseOutage.newRole("routes_tab");
        model = new RoutesViewModel(new RouteService(own.dataSource(), () -> { }), ALICE,
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

        own.down();
        select(key);
        Eventually.await("the history read failing", WAIT,
                () -> model.history().titleProperty().get().startsWith("History of " + key + ": could not be read"));
        assertThat(model.history().titleProperty().get())
                .endsWith("it is read again when the database is back, or on Reload");

        Eventually.await("the tab's poll to see the database gone", WAIT,
                () -> model.backlogProperty().get() != null && model.backlogProperty().get().pendingCount() < 0);
        own.back();
        // only the tab's own poll can bring it back: nothing here reloads, and the route does not change
        Eventually.await("the history read again", WAIT,
                () -> model.history().titleProperty().get().equals("History of " + key + " (1 change)"));
        assertThat(model.history().rows()).hasSize(1);
    }

    @Test
    void aChangeAskedForBeforeTheTabClosesStillCommits() throws Exception {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("closing"), "payments", "dev", "v1");
        shown(key, RouteState.INACTIVE);
        select(key);
        List<Connection> inUse = new ArrayList<>();
        try {
            // every connection of the tab's pool taken (a database slow to answer): the change waits for one,
            // in the pool's getConnection, as long as the pool's connection timeout (10 s) allows
            for (int i = 0; i < own.poolSize(); i++) {
                inUse.add(own.dataSource().getConnection());
            }
            model.activateSelected();
            Eventually.await("the change waiting for its connection", WAIT,
                    RoutesViewModelOnDatabaseTest::changeWaitsForAConnection);

            model.close(); // the window closes while the change waits
        } finally {
            for (Connection c : inUse) {
                c.close(); // the change gets one of them
            }
        }
        assertThat(model.awaitChanges(WAIT)).as("the change finished").isTrue();
        assertThat(new RouteService(real, () -> { }).find(key).orElseThrow().state()).isEqualTo(RouteState.ACTIVE);
    }

    /** The tab's change thread is inside the pool's getConnection, waiting for a connection to come free. */
    private static boolean changeWaitsForAConnection() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("routes-actions"))
                .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(
                        f -> f.getClassName().equals("com.zaxxer.hikari.pool.HikariPool")
                                && f.getMethodName().equals("getConnection")));
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
