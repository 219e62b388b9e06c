package com.trafficmanager.console.ui.shell;

import com.trafficmanager.console.ui.common.ShownAgain;
import com.trafficmanager.console.ui.common.Styles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The main window's content: a header with the theme toggle and the connection details, one tab per
 * feature, the status bar. The tabs' contents are built by their features and handed in.
 */
public final class MainView extends BorderPane {
    private final TabPane tabs = new TabPane();
    private final ToggleButton darkTheme = new ToggleButton("Dark");
    private final Button details = new Button("Connection details");
    private final Button profiles = new Button("Profiles...");

    /**
     * @param tabContents each tab's content, built when the tab is first shown (the first tab at once),
     *                    so the window's first frame does not wait for tabs nobody looked at yet
     */
    public MainView(Map<String, Supplier<Node>> tabContents, StatusBarModel statusBar) {
        Label title = new Label("Traffic Manager Console");
        title.getStyleClass().add(Styles.TITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        darkTheme.setId("theme-toggle");
        darkTheme.setTooltip(new Tooltip("Switch between the light and the dark theme"));
        details.setId("connection-details");
        details.setTooltip(new Tooltip("Endpoints, and psql / kcat / redis-cli commands to look in"));
        profiles.setId("edit-profiles");
        profiles.setTooltip(new Tooltip("Add, edit, test and remove connection profiles"));
        HBox header = new HBox(10, title, spacer, profiles, details, darkTheme);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(8, 12, 8, 12));

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("main-tabs");
        new LinkedHashMap<>(tabContents).forEach((name, content) -> {
            Tab tab = new Tab(name);
            tab.setId("tab-" + name.toLowerCase().replace(' ', '-'));
            tab.selectedProperty().addListener((obs, was, selected) -> {
                if (!selected) {
                    return;
                }
                if (tab.getContent() == null) {
                    tab.setContent(content.get());
                } else if (tab.getContent() instanceof ShownAgain again) {
                    again.shownAgain();
                }
            });
            tabs.getTabs().add(tab);
        });
        Tab first = tabs.getTabs().isEmpty() ? null : tabs.getTabs().get(0);
        if (first != null && first.getContent() == null) {
            first.setContent(tabContents.values().iterator().next().get());
        }

        setTop(header);
        setCenter(tabs);
        setBottom(new StatusBarView(statusBar));
    }

    public ToggleButton darkThemeToggle() {
        return darkTheme;
    }

    public Button detailsButton() {
        return details;
    }

    public Button profilesButton() {
        return profiles;
    }

    public TabPane tabs() {
        return tabs;
    }
}
