package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.CountedConnections;
import com.trafficmanager.console.testing.DatabaseOutage;
import com.trafficmanager.console.testing.WritePathFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The history pane on the sandbox database, connected as a login role of its own so that PostgreSQL can go
 * away for it alone ({@link DatabaseOutage}): another route's changes never show under the selected one's
 * title, and reads the selection has moved past are not made.
 */
class RouteHistoryModelTest {
    private final DatabaseOutage own = DatabaseOutage.newRole("history_pane");
    private final AtomicInteger connections = new AtomicInteger();
    /** The role's real pool, the connections asked of it counted. */
    private final DataSource counted = CountedConnections.counting(own.dataSource(), connections);
    private final RouteService service = new RouteService(counted, () -> { });

    @AfterEach
    void dropTheRole() {
        own.close();
    }

    private RouteKey created(String version) {
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("history"), "svc", "dev", version);
        service.create(key, "https://svc.example.com", new OperatorContext("erin", "ws-1", false));
        return key;
    }

    @Test
    void aReadThatFailsForAnotherRouteLeavesNoneOfThePreviousRoutesChanges() {
        RouteKey a = created("v1");
        RouteKey b = created("v2");
        RouteHistoryModel history = new RouteHistoryModel(service, Runnable::run, Runnable::run);
        history.show(a);
        assertThat(history.rows()).hasSize(1);
        own.down();
        // on this thread: returns once the read failed, at the latest after the pool's connection timeout (10 s)
        history.show(b);
        assertThat(history.titleProperty().get()).startsWith("History of " + b + ": could not be read");
        assertThat(history.rows()).as("none of " + a + "'s changes under " + b + "'s title").isEmpty();
    }

    @Test
    void readsTheSelectionMovedPastBeforeTheyStartAreNotMade() {
        List<Runnable> queued = new ArrayList<>();
        RouteHistoryModel history = new RouteHistoryModel(service, queued::add, Runnable::run);
        RouteKey last = created("v1");
        for (int i = 0; i < 20; i++) { // the arrow key held down over the table
            history.show(new RouteKey("t" + i, "svc", "dev", "v1"));
        }
        history.show(last);
        int before = connections.get();
        queued.forEach(Runnable::run);
        assertThat(connections.get() - before).as("one read, the last selection's").isEqualTo(1);
        assertThat(history.rows()).hasSize(1);
    }
}
