package com.trafficmanager.console.ui.picker;

import com.trafficmanager.console.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;

/** Choose the connection profile: a list, the chosen profile's endpoints, Connect (double-click works too). */
public final class ConnectionPickerView extends VBox {

    public ConnectionPickerView(ConnectionPickerModel model) {
        getStyleClass().add(Styles.STARTUP);
        setAlignment(Pos.CENTER);
        setMaxWidth(560);
        Label title = new Label("Choose a connection");
        title.getStyleClass().add(Styles.TITLE);
        ListView<ProfileChoice> list = new ListView<>(model.choices());
        list.setId("profile-list");
        list.setPrefHeight(200);
        list.setMaxWidth(520);
        list.getSelectionModel().select(model.selectedProperty().get());
        model.selectedProperty().bind(list.getSelectionModel().selectedItemProperty());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                model.connect();
            }
        });
        Label details = new Label();
        details.setId("profile-details");
        details.setWrapText(true);
        details.setMaxWidth(520);
        details.getStyleClass().add(Styles.MUTED);
        details.textProperty().bind(model.selectedDescription());
        Button connect = new Button("Connect");
        connect.setId("profile-connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.canConnect().not());
        connect.setOnAction(e -> model.connect());
        getChildren().addAll(title, list, details, connect);
        if (model.canEditProfiles()) {
            Button edit = new Button("Edit profiles...");
            edit.setId("profile-edit");
            edit.setOnAction(e -> model.editProfiles());
            getChildren().add(edit);
        }
    }
}
