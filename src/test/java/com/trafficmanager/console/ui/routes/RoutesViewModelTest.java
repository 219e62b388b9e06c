package com.trafficmanager.console.ui.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.route.RouteWatcher;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Routes tab's view model without a JavaFX toolkit and without a database: which actions a
 * selection enables (and why not), read-only, the protected-env confirmations, the table's merge by
 * key. The service behind it refuses every connection, so a test that reached the database would fail.
 */
class RoutesViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private RoutesViewModel model;

    private RoutesViewModel model(boolean readOnly) {
        RouteService service = new RouteService(new NoDatabase(), () -> { });
        model = new RoutesViewModel(service, new OperatorContext("alice", "host", readOnly),
                new RoutesSettings("test", Set.of("prod"), true, Duration.ofHours(1)), Runnable::run);
        return model;
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    static Route route(String tenant, String env, RouteState state, long version) {
        return new Route(new RouteKey(tenant, "payments", env, "v1"), "https://" + tenant + ".example.com", state, version,
                T0, "alice", T0.plusSeconds(version), "bob");
    }

    private void load(Route... routes) {
        model.table().apply(new RouteWatcher.Delta(List.of(routes), List.of(), true, routes.length));
    }

    private void select(String... tenants) {
        model.setSelection(model.table().rows().stream()
                .filter(r -> List.of(tenants).contains(r.key().tenant())).toList());
    }

    @Test
    void nothingSelectedAllowsOnlyCreate() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1));
        RouteActions actions = model.actions();
        assertThat(actions.canCreateProperty().get()).isTrue();
        assertThat(actions.canActivateProperty().get()).isFalse();
        assertThat(actions.canDeactivateProperty().get()).isFalse();
        assertThat(actions.canEditUrlProperty().get()).isFalse();
        assertThat(actions.canDeleteProperty().get()).isFalse();
        assertThat(actions.activateHintProperty().get()).isEqualTo("Select one or more inactive routes to activate");
    }

    @Test
    void anInactiveRouteCanBeActivatedEditedAndDeletedButNotDeactivated() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1), route("b", "dev", RouteState.ACTIVE, 2));
        select("a");
        RouteActions actions = model.actions();
        assertThat(actions.canActivateProperty().get()).isTrue();
        assertThat(actions.canDeactivateProperty().get()).isFalse();
        assertThat(actions.canEditUrlProperty().get()).isTrue();
        assertThat(actions.canDeleteProperty().get()).isTrue();
        select("b");
        assertThat(actions.canActivateProperty().get()).isFalse();
        assertThat(actions.canDeactivateProperty().get()).isTrue();
        assertThat(actions.canDeleteProperty().get()).isFalse();
        assertThat(actions.deleteHintProperty().get()).isEqualTo("Deactivate b/payments/dev/v1 before deleting it");
    }

    @Test
    void aMixedSelectionActsOnTheRoutesItAppliesToAndEditNeedsExactlyOne() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1), route("b", "dev", RouteState.ACTIVE, 2),
                route("c", "dev", RouteState.INACTIVE, 1));
        select("a", "b", "c");
        RouteActions actions = model.actions();
        assertThat(actions.canActivateProperty().get()).isTrue();
        assertThat(actions.canDeactivateProperty().get()).isTrue();
        assertThat(actions.activateHintProperty().get()).isEqualTo("Activate the 2 selected inactive routes");
        assertThat(actions.targets(model.selection(), true)).extracting(r -> r.key().tenant()).containsExactly("a", "c");
        assertThat(actions.canEditUrlProperty().get()).isFalse();
        assertThat(actions.canDeleteProperty().get()).isFalse();
    }

    @Test
    void aBusyRouteCannotBeActedOnAgain() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1));
        select("a");
        model.table().rows().get(0).setBusy(true);
        model.setSelection(model.selection());
        assertThat(model.actions().canActivateProperty().get()).isFalse();
        assertThat(model.actions().activateHintProperty().get()).contains("still running");
    }

    @Test
    void readOnlyDisablesEveryChangeAndSaysWhy() {
        model(true);
        load(route("a", "dev", RouteState.INACTIVE, 1), route("b", "prod", RouteState.ACTIVE, 1));
        select("a", "b");
        RouteActions actions = model.actions();
        assertThat(actions.canCreateProperty().get()).isFalse();
        assertThat(actions.canActivateProperty().get()).isFalse();
        assertThat(actions.canDeactivateProperty().get()).isFalse();
        assertThat(actions.canEditUrlProperty().get()).isFalse();
        assertThat(actions.canDeleteProperty().get()).isFalse();
        assertThat(actions.readOnlyReason()).startsWith("Read-only profile 'test': this console changes nothing");
        assertThat(actions.activateHintProperty().get()).isEqualTo(actions.readOnlyReason());
        assertThat(actions.deleteHintProperty().get()).isEqualTo(actions.readOnlyReason());
    }

    @Test
    void protectedEnvConfirmationNamesEveryRouteAndBulkAsksToTypeTheEnv() {
        model(false);
        load(route("a", "prod", RouteState.INACTIVE, 1), route("b", "prod", RouteState.INACTIVE, 1),
                route("c", "dev", RouteState.INACTIVE, 1));
        RoutesSettings settings = new RoutesSettings("test", Set.of("prod"), true, Duration.ofHours(1));
        List<RouteRow> rows = model.table().rows();
        assertThat(Confirmations.stateChange("activate", List.of(rows.get(2)), settings)).isEmpty();

        Confirmation single = Confirmations.stateChange("activate", List.of(rows.get(0)), settings).orElseThrow();
        assertThat(single.routes()).singleElement().asString().startsWith("a/payments/prod/v1");
        assertThat(single.requiresTyping()).isFalse();

        Confirmation bulk = Confirmations.stateChange("deactivate", rows, settings).orElseThrow();
        assertThat(bulk.routes()).hasSize(3);
        assertThat(bulk.routes()).anySatisfy(r -> assertThat(r).startsWith("c/payments/dev/v1"));
        assertThat(bulk.header()).isEqualTo("Deactivate these 3 routes in the protected env 'prod'?");
        assertThat(bulk.typeToConfirm()).isEqualTo("prod");
        assertThat(bulk.confirmedBy("")).isFalse();
        assertThat(bulk.confirmedBy("Prod")).isFalse();
        assertThat(bulk.confirmedBy(" prod ")).isTrue();
    }

    @Test
    void cancellingAProtectedConfirmationChangesNothingAndTouchesNoDatabase() {
        model(false);
        load(route("a", "prod", RouteState.INACTIVE, 1));
        int[] asked = {0};
        model.start(new ScriptedPrompts(c -> {
            asked[0]++;
            return false;
        }, (route, proposed) -> java.util.Optional.empty()));
        select("a");
        model.activateSelected();
        assertThat(asked[0]).isEqualTo(1);
        assertThat(model.statusProperty().get().text()).isEqualTo("activate cancelled; nothing was changed");
        assertThat(model.table().rows().get(0).busy()).isFalse();
        assertThat(model.table().rows().get(0).route().state()).isEqualTo(RouteState.INACTIVE);
    }

    @Test
    void aUrlChangeThatFailedOffersTheTypedUrlOnTheNextEdit() {
        model(false); // its database refuses every connection: the change fails as with PostgreSQL down
        load(route("a", "dev", RouteState.ACTIVE, 1));
        java.util.List<String> offered = new java.util.ArrayList<>();
        java.util.Deque<java.util.Optional<String>> answers = new java.util.ArrayDeque<>(List.of(
                java.util.Optional.of("https://a-new.example.com"), java.util.Optional.empty(),
                java.util.Optional.empty()));
        model.start(new ScriptedPrompts(c -> true, (route, proposed) -> {
            offered.add(proposed);
            return answers.poll();
        }));
        select("a");
        model.editSelectedUrl();
        com.trafficmanager.console.testing.Eventually.await("the change to fail", Duration.ofSeconds(30),
                () -> !model.table().rows().get(0).busy()
                        && model.statusProperty().get().kind() == StatusLine.Kind.ERROR);
        model.editSelectedUrl(); // offered the typed URL; the operator cancels, letting it go
        model.editSelectedUrl();
        assertThat(offered).containsExactly("https://a.example.com", "https://a-new.example.com",
                "https://a.example.com");
    }

    @Test
    void aUrlWhoseProdConfirmationWasCancelledIsOfferedAgain() {
        model(false);
        load(route("a", "prod", RouteState.ACTIVE, 1));
        java.util.List<String> offered = new java.util.ArrayList<>();
        java.util.Deque<java.util.Optional<String>> answers = new java.util.ArrayDeque<>(List.of(
                java.util.Optional.of("https://a-new.example.com"), java.util.Optional.empty(),
                java.util.Optional.empty()));
        model.start(new ScriptedPrompts(c -> false, (route, proposed) -> { // every confirmation cancelled
            offered.add(proposed);
            return answers.poll();
        }));
        select("a");
        model.editSelectedUrl();
        assertThat(model.statusProperty().get().text()).startsWith("URL change cancelled; nothing was changed");
        model.editSelectedUrl(); // offered the typed URL; the operator cancels the edit itself, letting it go
        model.editSelectedUrl();
        assertThat(offered).containsExactly("https://a.example.com", "https://a-new.example.com",
                "https://a.example.com");
    }

    @Test
    void filterWordsAreSplitOnAnySpaceTheNonBreakingOneOfPastedTextToo() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1), route("a", "prod", RouteState.INACTIVE, 1),
                route("b", "dev", RouteState.INACTIVE, 1));
        model.table().filterTextProperty().set("\u00A0a.example\u00A0dev\u00A0"); // as pasted
        assertThat(model.table().sorted()).extracting(r -> r.key().tenant() + "/" + r.key().env()).containsExactly("a/dev");
    }

    @Test
    void changesMergeIntoTheExistingRowsByKey() {
        model(false);
        load(route("a", "dev", RouteState.INACTIVE, 1), route("b", "dev", RouteState.INACTIVE, 1));
        RouteRow rowA = model.table().rows().get(0);
        select("a");
        model.table().apply(new RouteWatcher.Delta(List.of(route("a", "dev", RouteState.ACTIVE, 2),
                route("c", "staging", RouteState.INACTIVE, 1)), List.of(new RouteKey("b", "payments", "dev", "v1")),
                false, 2));
        assertThat(model.table().rows()).extracting(r -> r.key().tenant()).containsExactly("a", "c");
        assertThat(model.table().rows().get(0)).isSameAs(rowA);
        assertThat(rowA.route().state()).isEqualTo(RouteState.ACTIVE);
        assertThat(model.selection()).containsExactly(rowA);
        assertThat(model.actions().canDeactivateProperty().get()).isTrue(); // follows the new state
        assertThat(model.table().envs()).containsExactly("dev", "staging");
        assertThat(model.table().countsProperty().get()).isEqualTo("2 routes, 1 active, 2 shown");
    }

    @Test
    void anOlderSnapshotDoesNotOverwriteANewerRow() {
        model(false);
        load(route("a", "dev", RouteState.ACTIVE, 3));
        model.table().upsert(List.of(route("a", "dev", RouteState.INACTIVE, 2)));
        assertThat(model.table().rows().get(0).route().rowVersion()).isEqualTo(3);
        // written by a console whose clock runs ahead: a later time does not make an older version newer
        Route older = route("a", "dev", RouteState.INACTIVE, 2);
        model.table().upsert(List.of(new Route(older.key(), older.url(), older.state(), 2, T0, "alice",
                T0.plusSeconds(3600), "carol")));
        assertThat(model.table().rows().get(0).route().rowVersion()).isEqualTo(3);
    }

    @Test
    void aDeltaThatChangesManyRowsIsCountedOnceNotOncePerRow() {
        model(false);
        java.util.List<Route> all = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(route("t" + i, "dev", RouteState.INACTIVE, 1));
        }
        model.table().apply(new RouteWatcher.Delta(all, List.of(), true, all.size()));
        select(all.stream().map(r -> r.key().tenant()).toArray(String[]::new));
        java.util.List<String> shownCounts = new java.util.ArrayList<>();
        model.table().countsProperty().addListener((o, was, now) -> shownCounts.add(now));
        java.util.List<Route> activated = all.stream().map(r -> route(r.key().tenant(), "dev", RouteState.ACTIVE, 2)).toList();
        model.table().apply(new RouteWatcher.Delta(activated, List.of(), false, activated.size()));
        assertThat(shownCounts).containsExactly("1,000 routes, 1,000 active, 1,000 shown");
        assertThat(model.actions().canDeactivateProperty().get()).isTrue();
        assertThat(model.actions().canActivateProperty().get()).isFalse();
    }

    @Test
    void emptyTableShowsTheEmptyStateOnlyOnceLoaded() {
        model(false);
        assertThat(model.table().emptyProperty().get()).isFalse();
        model.table().apply(new RouteWatcher.Delta(List.of(), List.of(), true, 0));
        assertThat(model.table().emptyProperty().get()).isTrue();
        assertThat(model.table().countsProperty().get()).isEqualTo("0 routes, 0 active, 0 shown");
    }

    @Test
    void anOpenCreateFormShowsThePartitionOnceTheCountIsKnown() {
        model(false);
        CreateRouteModel form = model.newCreateForm();
        form.field("tenant").set("team-a");
        form.field("service").set("payments");
        form.field("env").set("prod");
        form.field("version").set("v2");
        assertThat(form.partitionProperty().get())
                .isEqualTo("key team-a:payments:prod:v2 -> partition unknown (topic not reachable yet)");
        model.setPartitions(6); // Kafka answered while the form was open
        assertThat(form.partitionProperty().get()).isEqualTo("key team-a:payments:prod:v2 -> partition "
                + com.trafficmanager.console.event.EventKeys.partitionFor("team-a:payments:prod:v2", 6) + " of 6");
    }

    /** A data source that refuses every connection: these tests must not need a database. */
    private static final class NoDatabase implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            throw new SQLException("no database in this test");
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
