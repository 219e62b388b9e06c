package com.trafficmanager.console.ui.picker;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** View model of the connection picker: the profiles, the selected one, and Connect. */
public final class ConnectionPickerModel {
    private final ObservableList<ProfileChoice> choices;
    private final ObjectProperty<ProfileChoice> selected = new SimpleObjectProperty<>();
    private final Consumer<String> connect;
    private Runnable editProfiles;

    public ConnectionPickerModel(List<ProfileChoice> choices, String initial, Consumer<String> connect) {
        this.choices = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(choices));
        this.connect = connect;
        selected.set(choices.stream().filter(c -> c.name().equals(initial)).findFirst()
                .orElse(choices.isEmpty() ? null : choices.get(0)));
    }

    public ObservableList<ProfileChoice> choices() {
        return choices;
    }

    public ObjectProperty<ProfileChoice> selectedProperty() {
        return selected;
    }

    public BooleanBinding canConnect() {
        return selected.isNotNull();
    }

    public StringBinding selectedDescription() {
        return Bindings.createStringBinding(() -> selected.get() == null ? "" : selected.get().description(), selected);
    }

    /** Opens the profile editor; the picker shows its button only when this is set. */
    public void setEditProfiles(Runnable action) {
        this.editProfiles = action;
    }

    public boolean canEditProfiles() {
        return editProfiles != null;
    }

    public void editProfiles() {
        if (editProfiles != null) {
            editProfiles.run();
        }
    }

    public void connect() {
        if (selected.get() != null) {
            connect.accept(selected.get().name());
        }
    }
}
