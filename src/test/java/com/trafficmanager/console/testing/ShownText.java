package com.trafficmanager.console.testing;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/** What a label or cell holds against what it shows: the text node ends in an ellipsis where it was cut. */
public final class ShownText {
    private ShownText() {
    }

    /** Each Labeled's text mapped to the text its skin shows ("" when nothing is laid out). */
    public static Map<String, String> of(Collection<Node> nodes) {
        Map<String, String> out = new TreeMap<>();
        for (Node n : nodes) {
            Labeled l = (Labeled) n;
            Text text = (Text) l.lookup(".text");
            out.put(l.getText(), text == null ? "" : text.getText());
        }
        return out;
    }
}
