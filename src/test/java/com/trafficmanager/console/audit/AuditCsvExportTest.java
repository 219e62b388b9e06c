package com.trafficmanager.console.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.WritePathFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV export on the real sandbox: every matching entry across pages, progress, cancel, quoting. */
class AuditCsvExportTest {
    private static final DataSource DB = WritePathFixture.database().dataSource();
    private static final OperatorContext OPS = new OperatorContext("ops,\"night\"", "ws-1", false);
    private static String tenant;
    private static final AuditLog audit = new AuditLog(WritePathFixture.database().dataSource());

    @TempDir
    Path dir;

    @BeforeAll
    static void history() {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> { });
        tenant = WritePathFixture.uniqueTenant("csv");
        // more entries than one export page, so paging is exercised
        for (int i = 0; i < AuditCsvExport.PAGE + 5; i++) {
            service.create(new RouteKey(tenant, "svc", "dev", "v" + i), "https://svc.example.com/" + i, OPS);
        }
        service.activate(new RouteKey(tenant, "svc", "dev", "v0"), 1, OPS);
    }

    @Test
    void writesEveryMatchingEntryWithHeaderAndQuotedFields() throws Exception {
        Path file = dir.resolve("out/audit.csv");
        List<long[]> progress = new ArrayList<>();
        long written = new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(tenant).withLimit(10), file,
                (done, total) -> progress.add(new long[] {done, total}), new AuditCsvExport.Cancellation());

        assertThat(written).isEqualTo(AuditCsvExport.PAGE + 6);
        List<String> lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(AuditCsvExport.PAGE + 7);
        assertThat(lines.get(0)).isEqualTo(String.join(",", AuditCsvExport.HEADER));
        String newest = lines.get(1);
        assertThat(newest).contains(",\"ops,\"\"night\"\"\",ws-1,")
                .contains(",activated," + tenant + ",svc,dev,v0,state: inactive -> active,2,")
                .contains("\"{\"\"url\"\": \"\"https://svc.example.com/0\"\"");
        assertThat(progress.get(0)).containsExactly(0, AuditCsvExport.PAGE + 6);
        assertThat(progress.get(progress.size() - 1)).containsExactly(AuditCsvExport.PAGE + 6, AuditCsvExport.PAGE + 6);
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void filterAppliesToTheExport() throws Exception {
        Path file = dir.resolve("activations.csv");
        long written = new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(tenant).withAction(Action.ACTIVATED),
                file, (d, t) -> { }, new AuditCsvExport.Cancellation());
        assertThat(written).isEqualTo(1);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void cancelledExportLeavesNoFile() throws Exception {
        Path file = dir.resolve("cancelled.csv");
        AuditCsvExport.Cancellation cancel = new AuditCsvExport.Cancellation();
        assertThatThrownBy(() -> new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(tenant), file,
                (written, total) -> {
                    if (written > 0) {
                        cancel.cancel(); // Cancel pressed once the first page is written
                    }
                }, cancel))
                .isInstanceOf(AuditCsvExport.CancelledException.class);
        assertThat(Files.list(dir)).isEmpty();
    }

    @Test
    void theFileIsTheLogAsItWasWhenTheExportStartedEvenWhenAnEarlierTransactionCommitsDuringIt() throws Exception {
        javax.sql.DataSource ds = WritePathFixture.database().dataSource();
        RouteService service = new RouteService(ds, () -> { });
        String snapTenant = WritePathFixture.uniqueTenant("csv-snap");
        service.create(new RouteKey(snapTenant, "first", "dev", "v1"), "https://first.example.com", OPS);
        try (java.sql.Connection late = ds.getConnection()) {
            // a writer that took its history id before the rows below, and commits only while the export runs
            late.setAutoCommit(false);
            try (var ps = late.prepareStatement("""
                    insert into route_history (tenant, service, env, version, action, before, after, row_version, actor,
                                               host_name, request_id, event_id, occurred_at)
                    select tenant, 'late', env, version, action, before, after, row_version, 'late-writer', host_name,
                           gen_random_uuid(), gen_random_uuid(), occurred_at
                      from route_history where tenant = ?""")) {
                ps.setString(1, snapTenant);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            for (int i = 0; i < AuditCsvExport.PAGE + 5; i++) {
                service.create(new RouteKey(snapTenant, "svc", "dev", "v" + i), "https://svc.example.com/" + i, OPS);
            }
            Path file = dir.resolve("snapshot.csv");
            long[] firstTotal = new long[1];
            long written = new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(snapTenant), file, (done, total) -> {
                if (done == 0) {
                    firstTotal[0] = total;
                }
                if (done == AuditCsvExport.PAGE) { // after the first page: the late writer's entry lies below the cursor
                    try {
                        late.commit();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, new AuditCsvExport.Cancellation());

            assertThat(firstTotal[0]).isEqualTo(AuditCsvExport.PAGE + 6);
            assertThat(written).isEqualTo(firstTotal[0]);
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("late-writer");
            try (AuditLog.Snapshot next = audit.snapshot()) {
                assertThat(next.countIfQuick(AuditFilter.ALL.withTenant(snapTenant))).as("committed, for the next export")
                        .hasValue(AuditCsvExport.PAGE + 7);
            }
        }
    }

    @Test
    void aCountThatDoesNotAnswerInTimeLeavesTheExportWithoutATotalNotFailed() throws Exception {
        Path file = dir.resolve("slow-count.csv");
        List<long[]> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<Long> export;
        try (Connection locker = DB.getConnection()) {
            // as a DBA's VACUUM FULL would: every read of the history waits, the count past its timeout
            hold(locker, "lock table route_history in access exclusive mode");
            export = inBackground(() -> new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(tenant), file,
                    (done, total) -> progress.add(new long[] {done, total}), new AuditCsvExport.Cancellation()));
            Eventually.await("the export to give up counting, or to fail", Duration.ofSeconds(60),
                    () -> !progress.isEmpty() || export.isDone());
            locker.rollback(); // the pages may read now
        }
        assertThat(export.get(60, TimeUnit.SECONDS)).isEqualTo(AuditCsvExport.PAGE + 6);
        assertThat(progress.get(0)).containsExactly(0, AuditCsvExport.Progress.UNKNOWN_TOTAL);
        assertThat(progress.get(progress.size() - 1))
                .containsExactly(AuditCsvExport.PAGE + 6, AuditCsvExport.Progress.UNKNOWN_TOTAL);
        assertThat(Files.readAllLines(file)).hasSize(AuditCsvExport.PAGE + 7);
    }

    @Test
    void cancelCutsShortThePageBeingReadAndLeavesNoFile() throws Exception {
        Path file = dir.resolve("cancelled-page.csv");
        AuditCsvExport.Cancellation cancel = new AuditCsvExport.Cancellation();
        CompletableFuture<Long> export;
        try (Connection locker = DB.getConnection()) {
            // the pages join the outbox, the count does not: the count answers, the first page waits
            hold(locker, "lock table outbox in access exclusive mode");
            export = inBackground(() -> new AuditCsvExport(audit).export(AuditFilter.ALL.withTenant(tenant), file,
                    (done, total) -> { }, cancel));
            Eventually.await("the first page to wait for the outbox", Duration.ofSeconds(60),
                    () -> pagesWaitingForALock() > 0 || export.isDone());
            cancel.cancel();
            Eventually.await("the export to stop well before the page's own timeout",
                    Duration.ofSeconds(AuditLog.QUERY_TIMEOUT_SECONDS / 2), export::isDone);
            locker.rollback();
        }
        assertThatThrownBy(() -> export.get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(AuditCsvExport.CancelledException.class);
        assertThat(Files.list(dir)).isEmpty();
    }

    /** Takes a lock in a transaction of {@code c} that lasts until the test rolls it back. */
    private static void hold(Connection c, String lock) throws Exception {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(lock);
        }
    }

    private static long pagesWaitingForALock() {
        try (Connection c = DB.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                     + " and query like '%left join outbox o on o.event_id = h.event_id%'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Long> inBackground(Callable<Long> work) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "test-export");
        t.setDaemon(true);
        t.start();
        return result;
    }
}
