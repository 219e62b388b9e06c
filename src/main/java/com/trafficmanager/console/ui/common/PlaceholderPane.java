package com.trafficmanager.console.ui.common;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Content of a tab whose feature is not built yet: says what the tab will hold. */
public final class PlaceholderPane extends VBox {

    public PlaceholderPane(String title, String description) {
        getStyleClass().add(Styles.PLACEHOLDER);
        setAlignment(Pos.TOP_LEFT);
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE);
        Label text = new Label(description);
        text.setWrapText(true);
        text.getStyleClass().add(Styles.MUTED);
        getChildren().addAll(heading, text);
    }
}
