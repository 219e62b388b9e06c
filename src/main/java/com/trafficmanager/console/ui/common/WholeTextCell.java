package com.trafficmanager.console.ui.common;

import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/**
 * A text cell whose tooltip holds the whole text: a URL or a before-and-after longer than its column
 * is cut with an ellipsis, and the operator reads the rest by pointing at it instead of widening the
 * column. One tooltip per cell, reused as the cell is reused.
 */
public final class WholeTextCell<S> extends TableCell<S, String> {
    private final Tooltip tooltip = new Tooltip();

    public WholeTextCell() {
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(640);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        boolean blank = empty || item == null || item.isEmpty();
        setText(blank ? null : item);
        if (blank) {
            setTooltip(null);
            return;
        }
        tooltip.setText(item);
        setTooltip(tooltip);
    }
}
