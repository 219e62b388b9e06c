package com.trafficmanager.console.ui.routes;

import static com.trafficmanager.console.testing.WritePathFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.db.Database;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventKeys;
import com.trafficmanager.console.outbox.OutboxRelay;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.Route;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.route.RouteState;
import com.trafficmanager.console.route.VersionedKey;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.ShownText;
import com.trafficmanager.console.testing.TopicProbe;
import com.trafficmanager.console.testing.WritePathFixture;
import com.trafficmanager.console.ui.common.Styles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Routes tab on the shared test sandbox, driven like an operator: typing into the filter and the
 * create form, clicking rows, buttons and dialog buttons. The tab runs on a RouteService and relay of
 * this class; every test works on a tenant of its own, found by typing it into the filter box.
 */
class RoutesTabTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final OperatorContext ALICE = new OperatorContext("alice", "test-host", false);
    private static Database database;
    private static OutboxRelay relay;
    private static RouteService service;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();
    private RoutesViewModel model;
    private String tenant;

    @BeforeAll
    static void startWritePath() throws Exception {
        database = WritePathFixture.database();
        relay = new OutboxRelay(database, WritePathFixture.relayConfig());
        relay.start();
        service = new RouteService(database.dataSource(), relay::wake);
        stage = HeadlessFx.start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @BeforeEach
    void tenant() {
        tenant = WritePathFixture.uniqueTenant("ui");
    }

    @AfterEach
    void closeTab() throws Exception {
        if (model != null) {
            model.close();
        }
        FxToolkit.cleanupStages();
    }

    /** Shows a Routes tab with the given operator and poll interval, filtered to this test's tenant. */
    private RoutesView show(OperatorContext operator, Duration poll) throws Exception {
        model = new RoutesViewModel(service, operator, new RoutesSettings("test", Set.of("prod"), true, poll),
                Platform::runLater);
        RoutesView view = new RoutesView(model);
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(view, 1200, 760);
            scene.getStylesheets().add(getClass().getResource(Styles.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        robot.interact(() -> {
            model.setPartitions(6);
            view.start();
        });
        Eventually.await("the first load", WAIT, () -> model.table().loadedProperty().get());
        robot.clickOn("#routes-filter").write(tenant);
        return view;
    }

    private RoutesView show() throws Exception {
        return show(ALICE, Duration.ofMillis(300));
    }

    private RouteKey key(String service, String env) {
        return new RouteKey(tenant, service, env, "v1");
    }

    private Route create(RouteKey key) {
        return service.create(key, "https://" + key.service() + "." + key.env() + ".example.com", ALICE).after();
    }

    /**
     * A route of this test, created, shown in a tab that does not poll (another console's change stays
     * unseen until Reload) and selected: the route as the operator saw it.
     */
    private Route createdShownAndSelected(RouteKey key) throws Exception {
        Route seen = create(key);
        show(ALICE, Duration.ofHours(1));
        awaitShown(key);
        robot.clickOn(rowNode(key));
        return seen;
    }

    /** The route service of another console on the same database. */
    private RouteService otherConsole() {
        return new RouteService(database.dataSource(), relay::wake);
    }

    private void awaitShown(RouteKey key) {
        Eventually.await(key + " in the table", WAIT, () -> rowNode(key) != null);
    }

    private Node rowNode(RouteKey key) {
        return robot.lookup(".table-row-cell").match((Node n) -> n instanceof TableRow<?> r
                && r.getItem() instanceof RouteRow row && row.key().equals(key)).tryQuery().orElse(null);
    }

    private String badge(RouteKey key) {
        Node row = rowNode(key);
        return row == null ? "" : robot.from(row).lookup(".tc-route-state").tryQuery()
                .map(n -> ((Label) n).getText()).orElse("");
    }

    private Route stored(RouteKey key) {
        return service.find(key).orElseThrow();
    }

    private String status() {
        return robot.lookup("#routes-status").queryAs(Label.class).getText();
    }

    private boolean disabled(String id) {
        return robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    @Test
    void createARouteThroughTheForm() throws Exception {
        show();
        RouteKey key = key("payments", "staging");
        robot.clickOn("#routes-new");
        robot.clickOn("#create-tenant").write(tenant);
        robot.clickOn("#create-service").write("payments");
        robot.clickOn("#create-env").write("staging");
        robot.clickOn("#create-version").write("v1");
        assertThat(disabled("#create-submit")).isTrue();
        robot.clickOn("#create-url").write("https://payments.staging.example.com");

        String preview = robot.lookup("#create-preview").queryAs(TextArea.class).getText();
        assertThat(preview).contains("\"action\" : \"created\"", "\"tenant\" : \"" + tenant + "\"",
                "\"url\" : \"https://payments.staging.example.com\"", "\"user_id\" : \"alice\"");
        int partition = EventKeys.partitionFor(key.eventKey(), 6);
        assertThat(robot.lookup("#create-partition").queryAs(Label.class).getText())
                .isEqualTo("key " + key.eventKey() + " -> partition " + partition + " of 6");
        assertThat(disabled("#create-submit")).isFalse();
        robot.clickOn("#create-submit");

        awaitShown(key);
        assertThat(stored(key).url()).isEqualTo("https://payments.staging.example.com");
        assertThat(stored(key).state()).isEqualTo(RouteState.INACTIVE);
        assertThat(badge(key)).isEqualTo("inactive");
        Eventually.await("the status line naming the published event", WAIT,
                () -> status().matches("created " + key + " - event [0-9a-f]{8}\\.\\.\\. on partition " + partition
                        + ", offset \\d+"));
        assertThat(robot.lookup("#create-submit").tryQuery()).isEmpty(); // the form closed
    }

    @Test
    void invalidInputShowsTheMessageAndKeepsCreateDisabled() throws Exception {
        show();
        String bad = tenant.toUpperCase();
        robot.clickOn("#routes-new");
        robot.clickOn("#create-tenant").write(bad);
        robot.clickOn("#create-service").write("payments");
        robot.clickOn("#create-env").write("dev");
        robot.clickOn("#create-version").write("2");
        robot.clickOn("#create-url").write("ftp://x.example.com");

        assertThat(robot.lookup("#create-tenant-error").queryAs(Label.class).getText())
                .startsWith("tenant must be lowercase letters, digits and '-'").contains("got '" + bad + "'");
        assertThat(robot.lookup("#create-version-error").queryAs(Label.class).getText())
                .startsWith("version must look like 'v2' or 'v2.1'");
        assertThat(robot.lookup("#create-url-error").queryAs(Label.class).getText())
                .isEqualTo("url must use http or https, got scheme 'ftp'");
        assertThat(robot.lookup("#create-service-error").queryAs(Label.class).getText()).isEmpty();
        assertThat(disabled("#create-submit")).isTrue(); // a disabled button takes no click: nothing to write
        robot.clickOn("#create-tenant").push(KeyCode.SHORTCUT, KeyCode.A).write(tenant);
        assertThat(robot.lookup("#create-tenant-error").queryAs(Label.class).getText()).isEmpty();
        assertThat(disabled("#create-submit")).isTrue(); // version and url are still wrong
    }

    @Test
    void activateShowsTheBadgeChangeAndPublishesTheEvent() throws Exception {
        RouteKey key = key("search", "staging");
        create(key);
        show();
        awaitShown(key);
        try (TopicProbe probe = TopicProbe.fromEnd(WritePathFixture.endpoints().kafkaBootstrap(),
                WritePathFixture.endpoints().topic())) {
            robot.clickOn(rowNode(key));
            assertThat(robot.lookup("#routes-history-title").queryAs(Label.class).getText()).startsWith("History of " + key);
            robot.clickOn("#routes-activate");

            Eventually.await("the active badge", WAIT, () -> badge(key).equals("active"));
            assertThat(stored(key).state()).isEqualTo(RouteState.ACTIVE);
            List<ConsumerRecord<String, byte[]>> events = probe.await("the activated event", WAIT,
                    r -> key.eventKey().equals(r.key()), l -> !l.isEmpty());
            var event = EventCodec.decode(events.get(0).value());
            assertThat(event.action().wireName()).isEqualTo("activated");
            assertThat(event.userId()).isEqualTo("alice");
            Eventually.await("the status line with partition and offset", WAIT, () -> status().equals("activated " + key
                    + " - event " + event.eventId().toString().substring(0, 8) + "... on partition "
                    + events.get(0).partition() + ", offset " + events.get(0).offset()));
            Eventually.await("the history pane", WAIT, () -> robot.lookup("#routes-history-title").queryAs(Label.class)
                    .getText().equals("History of " + key + " (2 changes)"));
            assertThat(disabled("#routes-activate")).isTrue();
            assertThat(disabled("#routes-deactivate")).isFalse();
        }
    }

    @Test
    void bulkDeactivateChangesEveryRouteSelected() throws Exception {
        List<RouteKey> keys = List.of(key("a", "staging"), key("b", "staging"), key("c", "staging"));
        service.bulkActivate(keys.stream().map(k -> VersionedKey.of(create(k))).toList(), ALICE);
        show();
        keys.forEach(this::awaitShown);
        robot.clickOn(rowNode(keys.get(0)));
        robot.press(KeyCode.SHIFT).clickOn(rowNode(keys.get(2))).release(KeyCode.SHIFT);
        assertThat(model.selection()).hasSize(3);
        robot.clickOn("#routes-deactivate");

        for (RouteKey k : keys) {
            Eventually.await(k + " inactive", WAIT, () -> badge(k).equals("inactive"));
            assertThat(stored(k).state()).isEqualTo(RouteState.INACTIVE);
        }
        Eventually.await("the bulk status line", WAIT,
                () -> status().startsWith("deactivated 3 routes - 3 events published on partition"));
        assertThat(robot.lookup("#routes-counts").queryAs(Label.class).getText()).endsWith(", 3 shown");
    }

    @Test
    void narrowingTheFilterKeepsTheSelectedRowsItStillShows() throws Exception {
        List<RouteKey> staging = List.of(key("a", "staging"), key("b", "staging"), key("c", "staging"));
        staging.forEach(this::create);
        RouteKey dev = key("d", "dev");
        create(dev);
        show();
        staging.forEach(this::awaitShown);
        awaitShown(dev);
        robot.clickOn(rowNode(staging.get(0)));
        robot.press(KeyCode.SHIFT).clickOn(rowNode(staging.get(2))).release(KeyCode.SHIFT);
        assertThat(model.selection()).hasSize(3);

        robot.clickOn("#routes-filter").write(" staging"); // one keystroke after another, each a new filter
        Eventually.await("the dev route filtered out", WAIT, () -> rowNode(dev) == null);
        assertThat(model.selection()).as("the three selected rows, still shown").extracting(RouteRow::key)
                .containsExactlyInAnyOrderElementsOf(staging);
    }

    @Test
    void protectedEnvConfirmationCancelledWritesNothingAndBulkAsksForTheEnvName() throws Exception {
        List<RouteKey> keys = List.of(key("a", "prod"), key("b", "prod"));
        keys.forEach(this::create);
        show();
        keys.forEach(this::awaitShown);
        robot.clickOn(rowNode(keys.get(0)));
        robot.press(KeyCode.SHIFT).clickOn(rowNode(keys.get(1))).release(KeyCode.SHIFT);
        robot.clickOn("#routes-activate");

        @SuppressWarnings("unchecked")
        ListView<String> listed = robot.lookup("#confirm-routes").queryAs(ListView.class);
        assertThat(listed.getItems()).hasSize(2);
        assertThat(listed.getItems().get(0)).startsWith(keys.get(0).toString());
        assertThat(listed.getItems().get(1)).startsWith(keys.get(1).toString());
        assertThat(disabled("#confirm-ok")).isTrue();
        robot.clickOn("#confirm-type").write("pro");
        assertThat(disabled("#confirm-ok")).isTrue();
        robot.write("d");
        assertThat(disabled("#confirm-ok")).isFalse();
        robot.clickOn("#confirm-cancel");

        assertThat(status()).isEqualTo("activate cancelled; nothing was changed");
        for (RouteKey k : keys) {
            assertThat(stored(k).rowVersion()).isEqualTo(1);
            assertThat(count("select count(*) from route_history where tenant = ? and service = ?", k.tenant(),
                    k.service())).isEqualTo(1);
        }

        robot.clickOn("#routes-activate");
        robot.clickOn("#confirm-type").write("prod");
        robot.clickOn("#confirm-ok");
        for (RouteKey k : keys) {
            Eventually.await(k + " active", WAIT, () -> badge(k).equals("active"));
        }
    }

    @Test
    void theActivateShortcutActivatesTheSelectedRoute() throws Exception {
        RouteKey key = key("shortcut", "dev");
        createdShownAndSelected(key);
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.A);
        Eventually.await(key + " active", WAIT, () -> badge(key).equals("active"));
        assertThat(stored(key).state()).isEqualTo(RouteState.ACTIVE);
    }

    @Test
    void readOnlyDisablesEveryChangeWithTheReason() throws Exception {
        RouteKey key = key("payments", "dev");
        create(key);
        show(new OperatorContext("viewer", "test-host", true), Duration.ofMillis(300));
        awaitShown(key);
        robot.clickOn(rowNode(key));
        for (String id : List.of("#routes-new", "#routes-activate", "#routes-deactivate", "#routes-edit", "#routes-delete")) {
            assertThat(disabled(id)).as(id).isTrue();
            assertThat(robot.lookup(id).queryAs(Button.class).getTooltip().getText()).as(id)
                    .startsWith("Read-only profile 'test': this console changes nothing");
        }
        String before = status();
        robot.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.A);
        robot.interact(() -> { });
        // an attempt would show at once, on this thread, before any work runs: the status line is untouched
        assertThat(status()).isEqualTo(before);
        assertThat(status()).doesNotContain("activate");
        assertThat(robot.lookup("#routes-history-title").queryAs(Label.class).getText()).startsWith("History of " + key);
    }

    @Test
    void aConflictShowsWhoChangedWhatAndReloads() throws Exception {
        RouteKey key = key("checkout", "dev");
        Route seen = createdShownAndSelected(key);
        otherConsole().activate(key, seen.rowVersion(), new OperatorContext("bob", "other-host", false));
        robot.clickOn("#routes-activate");

        Eventually.await("the conflict dialog", WAIT, () -> robot.lookup("#conflict-text").tryQuery().isPresent());
        String text = robot.lookup("#conflict-text").queryAs(Label.class).getText();
        assertThat(text).contains("You saw row_version 1; it is now 2.", "activated by 'bob' at ",
                "state: inactive -> active");
        robot.clickOn("#conflict-reload");
        Eventually.await("the reloaded badge", WAIT, () -> badge(key).equals("active"));
        assertThat(count("select count(*) from route_history where tenant = ? and action = 'activated'", tenant))
                .isEqualTo(1);
        assertThat(status()).contains("was changed by 'bob'; reloaded");
    }

    @Test
    void aUrlEditThatMeetsAConflictOpensAgainAfterReloadWithTheOperatorsUrl() throws Exception {
        RouteKey key = key("search", "dev");
        Route seen = createdShownAndSelected(key);
        otherConsole().updateUrl(key, "https://search-by-bob.example.com", seen.rowVersion(),
                new OperatorContext("bob", "h", false));
        robot.clickOn("#routes-edit");
        Eventually.await("the URL editor", WAIT, () -> robot.lookup("#edit-url").tryQuery().isPresent());
        robot.doubleClickOn("#edit-url").eraseText(seen.url().length()).write("https://search-v2.example.com");
        robot.clickOn("#edit-url-ok");

        Eventually.await("the conflict dialog", WAIT, () -> robot.lookup("#conflict-text").tryQuery().isPresent());
        robot.clickOn("#conflict-reload");
        Eventually.await("the URL editor again", WAIT, () -> robot.lookup("#edit-url").tryQuery().isPresent());
        assertThat(robot.lookup("#edit-url").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("https://search-v2.example.com");
        robot.clickOn("#edit-url-ok");
        Eventually.await("the URL changed, over bob's", WAIT,
                () -> stored(key).url().equals("https://search-v2.example.com"));
        assertThat(stored(key).rowVersion()).isEqualTo(3);
    }

    @Test
    void aBulkConfirmationSendsTheVersionsItShowedNotOnesThatArrivedWhileItWasOpen() throws Exception {
        RouteKey key = key("ledger", "prod");
        Route seen = create(key);
        show(); // polling every 300 ms: the table follows the other console while the dialog is open
        awaitShown(key);
        robot.clickOn(rowNode(key));
        robot.clickOn("#routes-activate");
        Eventually.await("the protected-env confirmation", WAIT, () -> robot.lookup("#confirm-ok").tryQuery().isPresent());
        otherConsole().updateUrl(key, "https://ledger-moved.example.com", seen.rowVersion(),
                new OperatorContext("bob", "h", false));
        Eventually.await("the table following bob's change under the dialog", WAIT,
                () -> model.table().row(key).map(r -> r.route().rowVersion() == 2).orElse(false));
        robot.clickOn("#confirm-ok");

        Eventually.await("the conflict dialog", WAIT, () -> robot.lookup("#conflict-text").tryQuery().isPresent());
        assertThat(robot.lookup("#conflict-text").queryAs(Label.class).getText())
                .contains("You saw row_version 1; it is now 2.");
        robot.clickOn("#conflict-reload");
        assertThat(stored(key).state()).isEqualTo(RouteState.INACTIVE);
    }

    @Test
    void theTableFollowsChangesByAnotherServiceInstanceAndKeepsTheSelection() throws Exception {
        RouteKey a = key("accounts", "dev");
        create(a);
        show();
        awaitShown(a);
        robot.clickOn(rowNode(a));
        RouteService otherConsole = new RouteService(database.dataSource(), relay::wake);
        OperatorContext bob = new OperatorContext("bob", "other-host", false);
        RouteKey b = key("billing", "dev");
        otherConsole.create(b, "https://billing.example.com", bob);
        otherConsole.activate(a, 1, bob);

        awaitShown(b);
        Eventually.await(a + " active", WAIT, () -> badge(a).equals("active"));
        assertThat(model.selection()).singleElement().extracting(RouteRow::key).isEqualTo(a);
        assertThat(((TableRow<?>) rowNode(a)).isSelected()).isTrue();
        Eventually.await("the counts", WAIT, () -> robot.lookup("#routes-counts").queryAs(Label.class).getText()
                .endsWith(", 2 shown"));
    }

    @Test
    void historyBesideTheTraceShowsActionTimeAndPlaceWholeAndLongTextInATooltip() throws Exception {
        RouteKey key = key("catalogue", "staging");
        String url = "https://catalogue.staging.example.com/a/long/path/that/does/not/fit/in/its/column/at/all";
        service.create(key, url, ALICE);
        RoutesView view = show();
        robot.interact(() -> view.showTrace(new Pane())); // as the console's window puts the trace beside it
        awaitShown(key);
        robot.clickOn(rowNode(key));
        robot.clickOn("#routes-activate");
        Eventually.await("both changes, published", WAIT, () -> historyCells("Published").size() == 2
                && historyCells("Published").keySet().stream().allMatch(p -> p.startsWith("partition ")));

        Map<String, String> headers = ShownText.of(robot.lookup("#routes-history .column-header .label").queryAll());
        assertThat(headers).containsOnlyKeys("Action", "Before -> after", "Time", "Actor", "Published", "Event id");
        headers.forEach((title, shown) -> assertThat(shown).as("the history's '%s' header", title).isEqualTo(title));
        List<HistoryRow> rows = new ArrayList<>();
        robot.interact(() -> rows.addAll(model.history().rows()));
        assertThat(rows).extracting(HistoryRow::action).containsExactlyInAnyOrder("created", "activated");
        Map<String, Function<HistoryRow, String>> columns = Map.of("Action", HistoryRow::action,
                "Time", HistoryRow::time, "Actor", HistoryRow::actor, "Published", HistoryRow::published);
        columns.forEach((column, value) -> {
            Map<String, String> cells = historyCells(column);
            // one entry per text shown: the two changes share their actor, and may share their second
            assertThat(cells.keySet()).as("the history's '%s' cells", column)
                    .containsExactlyInAnyOrderElementsOf(rows.stream().map(value).distinct().toList());
            cells.forEach((text, shown) -> assertThat(shown).as("%s '%s'", column, text).isEqualTo(text));
        });
        assertThat(historyCells("Action")).containsOnlyKeys("created", "activated");
        assertThat(tooltipOf("#routes-table", url)).isEqualTo(url);
        String created = "url: (none) -> " + url + "; state: (none) -> inactive";
        assertThat(historyCells("Before -> after")).containsKey(created);
        assertThat(tooltipOf("#routes-history", created)).isEqualTo(created);
    }

    /** The history cells of one column that hold text: what each holds against what it shows. */
    private Map<String, String> historyCells(String column) {
        return ShownText.of(robot.lookup("#routes-history .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && column.equals(c.getTableColumn().getText()) && c.getText() != null)
                .toList());
    }

    private String tooltipOf(String table, String text) {
        TableCell<?, ?> cell = robot.lookup(table + " .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst().orElseThrow();
        return cell.getTooltip() == null ? null : cell.getTooltip().getText();
    }
}
