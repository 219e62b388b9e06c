package com.trafficmanager.console.ui.live;

import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import javafx.collections.ObservableListBase;

/**
 * The rows of the live table: read-only to the outside, changed by the view model in bulk. Each
 * operation shifts the backing array once and fires ONE change for a whole range, where the
 * standard observable list would remove a range element by element (quadratic on a 10,000-row
 * table, many times a second).
 */
final class EventRows extends ObservableListBase<TailEvent> implements RandomAccess {
    private final ArrayList<TailEvent> list = new ArrayList<>();

    @Override
    public TailEvent get(int index) {
        return list.get(index);
    }

    @Override
    public int size() {
        return list.size();
    }

    void append(List<TailEvent> add) {
        if (add.isEmpty()) {
            return;
        }
        int from = list.size();
        list.addAll(add);
        beginChange();
        nextAdd(from, list.size());
        endChange();
    }

    void removeHead(int n) {
        if (n <= 0) {
            return;
        }
        List<TailEvent> head = list.subList(0, n);
        List<TailEvent> removed = new ArrayList<>(head);
        head.clear();
        beginChange();
        nextRemove(0, removed);
        endChange();
    }

    /** Replaces everything from {@code from} on with {@code tail}. */
    void replaceFrom(int from, List<TailEvent> tail) {
        List<TailEvent> old = list.subList(from, list.size());
        List<TailEvent> removed = new ArrayList<>(old);
        old.clear();
        list.addAll(tail);
        if (removed.isEmpty() && tail.isEmpty()) {
            return;
        }
        beginChange();
        if (removed.isEmpty()) {
            nextAdd(from, list.size());
        } else if (tail.isEmpty()) {
            nextRemove(from, removed);
        } else {
            nextReplace(from, list.size(), removed);
        }
        endChange();
    }

    void replaceAll(List<TailEvent> all) {
        replaceFrom(0, all);
    }
}
