package com.trafficmanager.console.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.CountedConnections;
import com.trafficmanager.console.testing.DatabaseOutage;
import com.trafficmanager.console.testing.WritePathFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit tab's view model without a toolkit: direct executors, the real sandbox database. */
class AuditViewModelTest {
    private static String tenant;

    @TempDir
    Path dir;

    private final AuditViewModel model = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()),
            Runnable::run, Runnable::run, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);

    @BeforeAll
    static void history() {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> { });
        tenant = WritePathFixture.uniqueTenant("auditvm");
        OperatorContext erin = new OperatorContext("erin", "ws-9", false);
        for (int i = 0; i < AuditViewModel.PAGE + 2; i++) {
            service.create(new RouteKey(tenant, "svc", "dev", "v" + i), "https://svc.example.com/" + i, erin);
        }
        service.activate(new RouteKey(tenant, "svc", "dev", "v1"), 1, erin);
    }

    @Test
    void showsTheNewestPageThenLoadsOlder() {
        model.tenantProperty().set(tenant);
        model.refresh();
        assertThat(model.rows()).hasSize(AuditViewModel.PAGE);
        assertThat(model.moreProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).isEqualTo("Showing the newest 500 matching entries; older ones match too");
        AuditRow newest = model.rows().get(0);
        assertThat(newest.action()).isEqualTo("activated");
        assertThat(newest.change()).isEqualTo("state: inactive -> active");
        assertThat(newest.route()).isEqualTo(tenant + "/svc/dev/v1");
        assertThat(newest.details()).contains("request id  " + newest.requestId(), "host ws-9");

        model.loadOlder();
        assertThat(model.rows()).hasSize(AuditViewModel.PAGE + 3);
        assertThat(model.moreProperty().get()).isFalse();
        assertThat(model.rows().stream().map(r -> r.entry().id()).distinct().count()).isEqualTo(AuditViewModel.PAGE + 3);

        model.shownAgain(); // the operator comes back to the tab: the older pages stay
        assertThat(model.rows()).hasSize(AuditViewModel.PAGE + 3);
        assertThat(model.statusProperty().get())
                .isEqualTo("Showing the " + (AuditViewModel.PAGE + 3) + " entries loaded before; Search shows entries made since");
    }

    @Test
    void aSearchThatFailsLeavesLoadOlderWithTheSearchTheTableShows() {
        try (DatabaseOutage outage = DatabaseOutage.newRole("audit_search")) {
            searchFailsThenLoadOlder(outage);
        }
    }

    private void searchFailsThenLoadOlder(DatabaseOutage outage) {
        AuditViewModel m = new AuditViewModel(new AuditLog(outage.dataSource()), Runnable::run, Runnable::run,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        m.tenantProperty().set(tenant);
        m.refresh();
        assertThat(m.rows()).hasSize(AuditViewModel.PAGE);

        outage.down(); // the real server refuses the pool's logins
        m.tenantProperty().set(WritePathFixture.uniqueTenant("other"));
        m.refresh();
        assertThat(m.statusProperty().get()).startsWith("could not read the audit log: ");
        assertThat(m.rows()).as("the table still shows the first search").hasSize(AuditViewModel.PAGE);

        outage.back();
        m.loadOlder();
        assertThat(m.rows()).as("older entries of the search shown, not of the one that failed")
                .hasSize(AuditViewModel.PAGE + 3).allMatch(r -> r.route().startsWith(tenant + "/"));
    }

    @Test
    void searchesSupersededBeforeTheSearchThreadReachedThemAreNotRun() {
        java.util.List<Runnable> searchThread = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource real = WritePathFixture.database().dataSource();
        javax.sql.DataSource counting = CountedConnections.counting(real, reads);
        AuditViewModel m = new AuditViewModel(new AuditLog(counting), searchThread::add, Runnable::run, Runnable::run,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        m.tenantProperty().set(WritePathFixture.uniqueTenant("nobody"));
        m.refresh();
        m.shownAgain(); // the operator switches tabs while the search runs
        assertThat(searchThread).as("no second search for the same answer").hasSize(1);

        m.tenantProperty().set(tenant);
        m.actionProperty().set(Action.ACTIVATED);
        m.refresh(); // the operator searches again before the first one started
        assertThat(m.loadingProperty().get()).isTrue();
        searchThread.forEach(Runnable::run); // the search thread works through its queue
        assertThat(reads.get()).as("only the newest search read the database").isEqualTo(1);
        assertThat(m.rows()).singleElement().satisfies(r -> assertThat(r.action()).isEqualTo("activated"));
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.statusProperty().get()).isEqualTo("1 entry");
    }

    @Test
    void filtersNarrowAndInvalidTimesAreReportedInline() {
        model.tenantProperty().set(tenant);
        model.actionProperty().set(Action.ACTIVATED);
        model.refresh();
        assertThat(model.rows()).singleElement().satisfies(r -> assertThat(r.actor()).isEqualTo("erin"));
        assertThat(model.statusProperty().get()).isEqualTo("1 entry");

        model.fromProperty().set("yesterday");
        assertThat(model.fromErrorProperty().get()).startsWith("'yesterday' is not a time; use 15m, 2h, 7d");
        model.refresh();
        assertThat(model.statusProperty().get()).isEqualTo("Fix the time range to search");
        model.fromProperty().set("1d");
        model.toProperty().set("2d");
        assertThat(model.fromErrorProperty().get()).isEmpty();
        assertThat(model.toErrorProperty().get()).isEqualTo("must be after 'from'");
        model.toProperty().set("");
        model.refresh();
        assertThat(model.rows()).isEmpty(); // the fixed clock is in 2030: nothing in the last day
        assertThat(model.statusProperty().get()).isEqualTo("No entry matches the filter");
    }

    @Test
    void tenantServiceAndEnvFollowTheRouteNameRulesAndNothingRunsWhileOneIsBroken() {
        List<Runnable> searchThread = new ArrayList<>();
        List<Runnable> exportThread = new ArrayList<>();
        AuditViewModel m = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()), searchThread::add,
                exportThread::add, Runnable::run, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC);
        m.tenantProperty().set(tenant);
        m.actionProperty().set(Action.ACTIVATED);
        m.refresh();
        searchThread.remove(0).run();
        assertThat(m.rows()).hasSize(1);

        m.tenantProperty().set("Payments"); // as typed: upper case matches nothing in the log
        assertThat(m.tenantErrorProperty().get()).isEqualTo("tenant must be lowercase letters, digits and '-'"
                + " (1-63 chars, no leading or trailing '-'), got 'Payments'");
        m.serviceProperty().set("-svc");
        assertThat(m.serviceErrorProperty().get()).isEqualTo("service must be lowercase letters, digits and '-'"
                + " (1-63 chars, no leading or trailing '-'), got '-svc'");
        m.envProperty().set("p".repeat(64));
        assertThat(m.envErrorProperty().get()).startsWith("env must be at most 63 characters (")
                .contains("got 64 characters: 'ppp");
        m.refresh();
        assertThat(m.statusProperty().get()).isEqualTo("Fix tenant, service and env to search");
        assertThat(searchThread).as("no search runs").isEmpty();
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.rows()).as("the last search's entries stay").hasSize(1);

        m.fromProperty().set("yesterday");
        m.refresh();
        assertThat(m.statusProperty().get()).isEqualTo("Fix tenant, service, env and the time range to search");
        m.exportTo(dir.resolve("audit.csv"));
        assertThat(m.exportStatusProperty().get())
                .isEqualTo("Not exported: fix tenant, service, env and the time range first");
        assertThat(exportThread).isEmpty();
        m.shownAgain(); // the tab shown again: still nothing to search with
        assertThat(searchThread).isEmpty();

        m.fromProperty().set("");
        m.serviceProperty().set("  "); // blank: no filter, not a broken name
        m.envProperty().set("");
        assertThat(m.serviceErrorProperty().get()).isEmpty();
        assertThat(m.envErrorProperty().get()).isEmpty();
        m.refresh();
        assertThat(m.statusProperty().get()).isEqualTo("Fix tenant to search");
        assertThat(searchThread).isEmpty();

        m.tenantProperty().set(" " + tenant + " "); // spaces around a valid name are trimmed, as the search does
        assertThat(m.tenantErrorProperty().get()).isEmpty();
        m.refresh();
        assertThat(searchThread).hasSize(1);
        searchThread.remove(0).run();
        assertThat(m.rows()).singleElement().satisfies(r -> assertThat(r.route()).isEqualTo(tenant + "/svc/dev/v1"));
        assertThat(m.statusProperty().get()).isEqualTo("1 entry");
    }

    @Test
    void exportsAllMatchingEntriesWithProgress() throws Exception {
        model.tenantProperty().set(tenant);
        Path file = dir.resolve("audit.csv");
        model.exportTo(file);
        assertThat(model.exportingProperty().get()).isFalse();
        assertThat(model.exportProgressProperty().get()).isEqualTo(1.0);
        assertThat(model.exportStatusProperty().get()).isEqualTo("Exported " + (AuditViewModel.PAGE + 3) + " entries to " + file);
        assertThat(Files.readAllLines(file)).hasSize(AuditViewModel.PAGE + 4);
    }

    @Test
    void anExportWithABadTimeRangeSaysSoAndASearchDuringAnExportIsNotHeldBehindIt() throws Exception {
        java.util.List<Runnable> exports = new java.util.ArrayList<>();
        AuditViewModel m = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()), Runnable::run,
                exports::add, Runnable::run, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC),
                ZoneOffset.UTC);
        m.fromProperty().set("yesterday");
        m.exportTo(dir.resolve("audit.csv"));
        assertThat(m.exportStatusProperty().get()).isEqualTo("Not exported: fix the time range first");
        assertThat(exports).isEmpty();

        m.fromProperty().set("");
        m.tenantProperty().set(tenant);
        m.exportTo(dir.resolve("audit.csv"));
        assertThat(exports).hasSize(1); // under way on its own thread
        m.actionProperty().set(Action.ACTIVATED);
        m.refresh();
        assertThat(m.rows()).hasSize(1);
        exports.remove(0).run();
        assertThat(m.exportStatusProperty().get()).startsWith("Exported " + (AuditViewModel.PAGE + 3) + " entries");
    }
}
