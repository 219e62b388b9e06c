package com.trafficmanager.console.route;

import static com.trafficmanager.console.testing.WritePathFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two operators change one route from the same row_version at the same moment: one wins, the other
 * gets the conflict naming the winner; no update is lost. Repeated, so both orders of arrival occur.
 * No relay is needed: this is about the database transaction.
 */
class ConcurrentChangeTest {
    private static final int ROUNDS = 25;
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void sameRowVersionFromTwoThreadsOneWinsTheOtherGetsTheConflict() throws Exception {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), null);
        String tenant = WritePathFixture.uniqueTenant("race");
        OperatorContext alice = new OperatorContext("alice", "ws-1", false);
        OperatorContext bob = new OperatorContext("bob", "ws-2", false);

        for (int round = 0; round < ROUNDS; round++) {
            RouteKey key = new RouteKey(tenant, "svc-" + round, "prod", "v1");
            Route seen = service.create(key, "https://a.example.com/" + round, alice).after();
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Object>> outcomes = new ArrayList<>();
            // both saw row_version 1; alice activates, bob changes the URL
            outcomes.add(pool.submit(() -> attempt(start,
                    () -> service.activate(key, seen.rowVersion(), alice))));
            outcomes.add(pool.submit(() -> attempt(start,
                    () -> service.updateUrl(key, "https://b.example.com/" + seen.rowVersion(), seen.rowVersion(), bob))));
            Object first = outcomes.get(0).get(30, TimeUnit.SECONDS);
            Object second = outcomes.get(1).get(30, TimeUnit.SECONDS);

            List<ChangeResult> wins = new ArrayList<>();
            List<RouteConflictException> conflicts = new ArrayList<>();
            for (Object o : List.of(first, second)) {
                if (o instanceof ChangeResult r) {
                    wins.add(r);
                } else if (o instanceof RouteConflictException c) {
                    conflicts.add(c);
                } else {
                    throw new AssertionError("unexpected outcome " + o);
                }
            }
            assertThat(wins).as("round %d: exactly one winner", round).hasSize(1);
            assertThat(conflicts).as("round %d: exactly one conflict", round).hasSize(1);
            ChangeResult win = wins.get(0);
            RouteConflictException conflict = conflicts.get(0);
            assertThat(conflict.expectedRowVersion()).isEqualTo(1);
            assertThat(conflict.foundRowVersion()).isEqualTo(2);
            assertThat(conflict.lastChangedBy()).isEqualTo(win.after().updatedBy());

            Route stored = service.find(key).orElseThrow();
            assertThat(stored).isEqualTo(win.after());
            assertThat(stored.rowVersion()).isEqualTo(2);
            assertThat(count("select count(*) from route_history where tenant = ? and service = ?", tenant, key.service()))
                    .isEqualTo(2);
            assertThat(count("select count(*) from outbox where event_key = ?", key.eventKey())).isEqualTo(2);
        }
    }

    private interface Change {
        ChangeResult run();
    }

    private static Object attempt(CyclicBarrier start, Change change) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            return change.run();
        } catch (RouteServiceException e) {
            return e;
        }
    }

    @Test
    void aRouteCreatedAgainWhileItsDeleteCommitsGoesOnFromTheDeletesRevision() throws Exception {
        DataSource real = WritePathFixture.database().dataSource();
        CountDownLatch commitMayGo = new CountDownLatch(1);
        CountDownLatch deleteAtCommit = new CountDownLatch(1);
        // the delete's connection waits at its commit, with the route's row deleted and its history written
        DataSource holdingCommit = holdingCommit(real, deleteAtCommit, commitMayGo);
        RouteService service = new RouteService(real, null);
        OperatorContext alice = new OperatorContext("alice", "ws-1", false);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("recreate"), "payments", "prod", "v1");
        Route created = service.create(key, "https://a.example.com", alice).after();
        Future<ChangeResult> delete = pool.submit(() ->
                new RouteService(holdingCommit, null).delete(key, created.rowVersion(), alice));
        assertThat(deleteAtCommit.await(30, TimeUnit.SECONDS)).as("the delete at its commit").isTrue();
        Future<ChangeResult> again;
        try {
            again = pool.submit(() -> service.create(key, "https://b.example.com", alice));
            Eventually.await("the create waiting for the delete's row",
                    Duration.ofSeconds(30), () -> count("select count(*) from pg_stat_activity"
                            + " where wait_event_type = 'Lock' and query like 'insert into route %'") > 0);
        } finally {
            commitMayGo.countDown(); // never leave the delete holding its row lock and connection
        }
        delete.get(30, TimeUnit.SECONDS);
        long tombstone = created.rowVersion() + 1; // a delete's history and event carry the next revision
        Route recreated = again.get(30, TimeUnit.SECONDS).after();

        assertThat(recreated.rowVersion()).as("the revision after the delete's tombstone %d", tombstone)
                .isEqualTo(tombstone + 1);
        assertThat(service.find(key).orElseThrow().rowVersion()).isEqualTo(tombstone + 1);
        assertThat(count("select count(distinct row_version) from route_history where tenant = ? and service = ?",
                key.tenant(), key.service())).as("one history entry per revision").isEqualTo(3);
    }

    @Test
    void aChangeWhoseRouteWasDeletedAndCreatedAgainWhileItWaitedGetsTheConflictNotNotFound() throws Exception {
        DataSource real = WritePathFixture.database().dataSource();
        CountDownLatch commitMayGo = new CountDownLatch(1);
        CountDownLatch deleteAtCommit = new CountDownLatch(1);
        CountDownLatch historyMayBeRead = new CountDownLatch(1);
        // the delete waits at its commit; the activate reads the route's history only once the create committed
        DataSource deleting = holdingCommit(real, deleteAtCommit, commitMayGo);
        DataSource activating = wrapped(real, (m, c) -> {
            if (m.getName().equals("prepareStatement") && String.valueOf(c[0]).contains("route_history")) {
                historyMayBeRead.await();
            }
        });
        OperatorContext alice = new OperatorContext("alice", "ws-1", false);
        OperatorContext bob = new OperatorContext("bob", "ws-2", false);
        RouteService service = new RouteService(real, null);
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("gone-again"), "payments", "prod", "v1");
        Route seen = service.create(key, "https://a.example.com", alice).after();
        ExecutorService three = Executors.newFixedThreadPool(3);
        try {
            Future<ChangeResult> delete = three.submit(() ->
                    new RouteService(deleting, null).delete(key, seen.rowVersion(), alice));
            assertThat(deleteAtCommit.await(30, TimeUnit.SECONDS)).as("the delete at its commit").isTrue();
            Future<Object> activate = three.submit(() -> {
                try {
                    return new RouteService(activating, null).activate(key, seen.rowVersion(), bob);
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Future<ChangeResult> again = three.submit(() -> service.create(key, "https://b.example.com", alice));
            try {
                Eventually.await("the activate and the create waiting for the delete",
                        Duration.ofSeconds(30), () -> count("select count(*) from pg_stat_activity"
                                + " where wait_event_type = 'Lock' and (query like 'insert into route %'"
                                + " or query like 'select % for update of r')") >= 2);
            } finally {
                commitMayGo.countDown();
            }
            delete.get(30, TimeUnit.SECONDS);
            Route recreated;
            try {
                recreated = again.get(30, TimeUnit.SECONDS).after();
            } finally {
                historyMayBeRead.countDown();
            }
            Object outcome = activate.get(30, TimeUnit.SECONDS);
            assertThat(outcome).as("the operator saw version %d of a route that exists again", seen.rowVersion())
                    .isInstanceOf(RouteConflictException.class);
            RouteConflictException conflict = (RouteConflictException) outcome;
            assertThat(conflict.foundRowVersion()).as("the version it exists at again").isEqualTo(recreated.rowVersion());
            assertThat(conflict.expectedRowVersion()).isEqualTo(seen.rowVersion());
            assertThat(service.find(key).orElseThrow().state()).as("nothing written").isEqualTo(RouteState.INACTIVE);
        } finally {
            commitMayGo.countDown();
            historyMayBeRead.countDown();
            three.shutdownNow();
        }
    }

    /** Connections whose commit waits for {@code mayGo}, after saying so on {@code atCommit}. */
    private DataSource holdingCommit(DataSource real, CountDownLatch atCommit, CountDownLatch mayGo) {
        return wrapped(real, (m, a) -> {
            if (m.getName().equals("commit")) {
                atCommit.countDown();
                mayGo.await();
            }
        });
    }

    /** Before a connection method runs, {@code before} may hold it (latches). */
    @FunctionalInterface
    private interface Before {
        void run(java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    private DataSource wrapped(DataSource real, Before before) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    java.sql.Connection c = (java.sql.Connection) result;
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                before.run(m, a);
                                return invoke(m, c, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
