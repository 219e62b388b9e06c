package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteConflictException;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.WritePathFixture;
import org.junit.jupiter.api.Test;

/** The conflict dialog's facts, from a real conflict on the sandbox database. */
class ConflictReportsTest {
    private static final OperatorContext BOB = new OperatorContext("bob", "h", false);

    @Test
    void moreChangesThanTheLookBackHoldsAreCountedNotDropped() {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> { });
        RouteKey key = new RouteKey(WritePathFixture.uniqueTenant("conflict"), "busy", "dev", "v1");
        Route seen = service.create(key, "https://busy.example.com/0", BOB).after();
        Route now = seen;
        for (int i = 1; i <= 24; i++) {
            now = service.updateUrl(key, "https://busy.example.com/" + i, now.rowVersion(), BOB).after();
        }
        RouteConflictException e = catchThrowableOfType(
                () -> service.activate(key, seen.rowVersion(), new OperatorContext("alice", "h", false)),
                RouteConflictException.class);

        ConflictReport report = ConflictReports.build(service, "activate " + key, e);
        assertThat(report.sawRowVersion()).isEqualTo(1);
        assertThat(report.nowRowVersion()).isEqualTo(25);
        assertThat(report.changes()).hasSize(21);
        assertThat(report.changes().get(0)).isEqualTo("(4 earlier change(s) not listed: see the route's history)");
        assertThat(report.changes().get(20)).startsWith("updated by 'bob' at ").contains("/24");
    }
}
