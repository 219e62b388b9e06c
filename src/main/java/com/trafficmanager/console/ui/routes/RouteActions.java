package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteState;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Which actions the current selection allows, and the words that explain a disabled one (shown as the
 * control's tooltip). Rules: on a read-only profile nothing that changes anything is allowed; activate
 * needs a selected inactive route, deactivate an active one (a mixed selection acts on those it
 * applies to); edit URL needs exactly one route; delete exactly one inactive route; nothing acts on a
 * route whose previous action is still running. Pure state, JavaFX thread only.
 */
public final class RouteActions {
    private final boolean readOnly;
    private final String readOnlyReason;
    private final ReadOnlyBooleanWrapper canCreate = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canActivate = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canDeactivate = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canEditUrl = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canDelete = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper activateHint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper deactivateHint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper editHint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper deleteHint = new ReadOnlyStringWrapper();

    RouteActions(boolean readOnly, String profileName) {
        this.readOnly = readOnly;
        this.readOnlyReason = "Read-only profile '" + profileName + "': this console changes nothing. Connect with a "
                + "profile that allows changes to create, activate, deactivate, edit or delete routes.";
        canCreate.set(!readOnly);
        update(List.of());
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Why every mutating control is disabled; null when the profile allows changes. */
    public String readOnlyReason() {
        return readOnly ? readOnlyReason : null;
    }

    public ReadOnlyBooleanProperty canCreateProperty() {
        return canCreate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canActivateProperty() {
        return canActivate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDeactivateProperty() {
        return canDeactivate.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canEditUrlProperty() {
        return canEditUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canDeleteProperty() {
        return canDelete.getReadOnlyProperty();
    }

    /** The tooltip of the Activate control: what it will do, or why it cannot. */
    public ReadOnlyStringProperty activateHintProperty() {
        return activateHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deactivateHintProperty() {
        return deactivateHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty editHintProperty() {
        return editHint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty deleteHintProperty() {
        return deleteHint.getReadOnlyProperty();
    }

    /** The rows of the selection an activate (or deactivate) acts on: those not already so, not busy. */
    List<RouteRow> targets(List<RouteRow> selection, boolean activate) {
        RouteState from = activate ? RouteState.INACTIVE : RouteState.ACTIVE;
        return selection.stream().filter(r -> !r.busy() && r.route().state() == from).toList();
    }

    void update(List<RouteRow> selection) {
        boolean anyBusy = selection.stream().anyMatch(RouteRow::busy);
        int toActivate = targets(selection, true).size();
        int toDeactivate = targets(selection, false).size();
        boolean single = selection.size() == 1;
        canActivate.set(!readOnly && !anyBusy && toActivate > 0);
        canDeactivate.set(!readOnly && !anyBusy && toDeactivate > 0);
        canEditUrl.set(!readOnly && !anyBusy && single);
        canDelete.set(!readOnly && !anyBusy && single && !selection.get(0).route().active());
        if (readOnly) {
            activateHint.set(readOnlyReason);
            deactivateHint.set(readOnlyReason);
            editHint.set(readOnlyReason);
            deleteHint.set(readOnlyReason);
            return;
        }
        String busy = "An action on the selected route is still running";
        activateHint.set(anyBusy ? busy : toActivate > 0 ? "Activate " + count(toActivate, "inactive route")
                : "Select one or more inactive routes to activate");
        deactivateHint.set(anyBusy ? busy : toDeactivate > 0 ? "Deactivate " + count(toDeactivate, "active route")
                : "Select one or more active routes to deactivate");
        editHint.set(anyBusy ? busy : single ? "Point " + selection.get(0).key() + " to another URL"
                : "Select exactly one route to change its URL");
        deleteHint.set(anyBusy ? busy : !single ? "Select exactly one inactive route to delete it"
                : selection.get(0).route().active() ? "Deactivate " + selection.get(0).key() + " before deleting it"
                : "Delete " + selection.get(0).key());
    }

    private static String count(int n, String what) {
        return n == 1 ? "the selected " + what : "the " + n + " selected " + what + "s";
    }
}
