package com.trafficmanager.console.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.trafficmanager.console.audit.AuditLog;
import com.trafficmanager.console.route.OperatorContext;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteService;
import com.trafficmanager.console.testing.Eventually;
import com.trafficmanager.console.testing.HeadlessFx;
import com.trafficmanager.console.testing.ShownText;
import com.trafficmanager.console.testing.WritePathFixture;
import com.trafficmanager.console.ui.common.Styles;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Audit log tab in a window of a small laptop's size (1280 x 800), headless, on the sandbox
 * database: what an operator reads first in an entry (its time to the millisecond and its action) is
 * not cut short, and neither is the hint of the "to" field.
 */
class AuditViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static String tenant;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void history() throws Exception {
        RouteService service = new RouteService(WritePathFixture.database().dataSource(), () -> { });
        tenant = WritePathFixture.uniqueTenant("auditview");
        OperatorContext erin = new OperatorContext("erin", "ws-9", false);
        RouteKey key = new RouteKey(tenant, "svc", "dev", "v1");
        service.create(key, "https://svc.example.com/", erin);
        service.activate(key, 1, erin);
        service.deactivate(key, 2, erin);
        HeadlessFx.start();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void timeActionAndTheFieldHintsShowWhole() throws Exception {
        AuditViewModel model = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()),
                Runnable::run, Platform::runLater, Clock.systemUTC(), ZoneId.of("UTC"));
        FxToolkit.setupStage(stage -> {
            Scene scene = new Scene(new AuditView(model), 1280, 800);
            scene.getStylesheets().add(AuditViewTest.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            model.tenantProperty().set(tenant);
            model.refresh();
        });
        FxToolkit.showStage();
        Eventually.await("the three entries in the table", WAIT, () -> cells("Action").size() == 3);

        assertThat(cells("Action")).containsOnlyKeys("created", "activated", "deactivated");
        for (String column : new String[] {"Time", "Action"}) {
            Map<String, String> shown = cells(column);
            assertThat(shown).hasSize(3);
            shown.forEach((text, seen) -> assertThat(seen).as("%s '%s'", column, text).isEqualTo(text));
        }
        for (String id : new String[] {"#audit-to", "#audit-from"}) {
            TextField field = robot.lookup(id).queryAs(TextField.class);
            javafx.scene.text.Text prompt = (javafx.scene.text.Text) field.lookup(".text");
            assertThat(field.prefWidth(-1)).as("the width of %s", id)
                    .isGreaterThanOrEqualTo(textWidth(field.getPromptText(), prompt) + 2 * 8);
        }
    }

    @Test
    void theSelectedEntryStaysSelectedWhenTheSearchRunsAgain() throws Exception {
        AuditViewModel model = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()),
                Runnable::run, Platform::runLater, Clock.systemUTC(), ZoneId.of("UTC"));
        AuditView[] view = new AuditView[1];
        FxToolkit.setupStage(stage -> {
            view[0] = new AuditView(model);
            stage.setScene(new Scene(view[0], 1280, 800));
            stage.show();
            model.tenantProperty().set(tenant);
            model.refresh();
        });
        FxToolkit.showStage();
        javafx.scene.control.TableView<?> table = robot.lookup("#audit-table").queryAs(javafx.scene.control.TableView.class);
        Eventually.await("the three entries in the table", WAIT, () -> table.getItems().size() == 3);
        robot.interact(() -> table.getSelectionModel().select(1));
        long selected = ((AuditRow) table.getSelectionModel().getSelectedItem()).entry().id();

        Object before = table.getItems().get(1);
        robot.interact(view[0]::shownAgain); // the tab shown again: the search runs again, new rows replace the old
        Eventually.await("the rows replaced by the search run again", WAIT,
                () -> table.getItems().size() == 3 && table.getItems().get(1) != before);
        robot.interact(() -> { });
        assertThat(table.getSelectionModel().getSelectedItem()).isNotNull();
        assertThat(((AuditRow) table.getSelectionModel().getSelectedItem()).entry().id()).isEqualTo(selected);
    }

    @Test
    void aHeaderClickSortsTheEntriesLoaded() throws Exception {
        AuditViewModel model = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()),
                Runnable::run, Platform::runLater, Clock.systemUTC(), ZoneId.of("UTC"));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new AuditView(model), 1280, 800));
            stage.show();
            model.tenantProperty().set(tenant);
            model.refresh();
        });
        FxToolkit.showStage();
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<AuditRow> table = robot.lookup("#audit-table").queryAs(javafx.scene.control.TableView.class);
        Eventually.await("the three entries in the table", WAIT, () -> table.getItems().size() == 3);
        assertThat(table.getItems()).extracting(AuditRow::action).containsExactly("deactivated", "activated", "created");

        java.util.function.Predicate<javafx.scene.Node> actionHeader =
                h -> h.lookup(".label") instanceof javafx.scene.control.Label l && "Action".equals(l.getText());
        javafx.scene.Node header = robot.lookup(".column-header").match(actionHeader).query();
        robot.clickOn(header);
        Eventually.await("sorted by action", WAIT, () -> table.getSortOrder().size() == 1);
        assertThat(table.getItems()).extracting(AuditRow::action).containsExactly("activated", "created", "deactivated");
        assertThat(model.rows()).as("the log's order underneath").extracting(AuditRow::action)
                .containsExactly("deactivated", "activated", "created");
    }

    @Test
    void aTenantTheNameRulesRefuseIsNamedUnderItsFieldAndNotSearched() throws Exception {
        java.util.List<Runnable> searches = new java.util.concurrent.CopyOnWriteArrayList<>();
        AuditViewModel model = new AuditViewModel(new AuditLog(WritePathFixture.database().dataSource()),
                searches::add, Platform::runLater, Clock.systemUTC(), ZoneId.of("UTC"));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new AuditView(model), 1280, 800));
            stage.show();
        });
        FxToolkit.showStage();
        javafx.scene.control.Label error =
                robot.lookup("#audit-tenant-error").queryAs(javafx.scene.control.Label.class);
        assertThat(error.isVisible()).isFalse();

        robot.clickOn("#audit-tenant").write("Payments").type(javafx.scene.input.KeyCode.ENTER);
        javafx.scene.control.Label status = robot.lookup("#audit-status").queryAs(javafx.scene.control.Label.class);
        Eventually.await("Enter answered in the status", WAIT, () -> "Fix tenant to search".equals(status.getText()));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("tenant must be lowercase letters, digits and '-'"
                + " (1-63 chars, no leading or trailing '-'), got 'Payments'");
        assertThat(searches).as("Enter ran no search").isEmpty();

        robot.interact(() -> model.tenantProperty().set(tenant));
        assertThat(error.isVisible()).as("gone once the name is valid").isFalse();
    }

    private Map<String, String> cells(String column) {
        return ShownText.of(robot.lookup("#audit-table .table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && column.equals(c.getTableColumn().getText()) && c.getText() != null)
                .toList());
    }

    private static double textWidth(String text, javafx.scene.text.Text like) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(like.getFont());
        return t.getLayoutBounds().getWidth();
    }
}
