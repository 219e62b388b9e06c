package com.trafficmanager.console.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-capacity ring of the newest events of one partition: adding to a full ring drops the
 * oldest. It never holds more than its capacity, whatever arrives. It also keeps an estimate of the
 * bytes its events hold ({@link #bytesOf}), because a count alone does not bound memory (records may be
 * 200 KB each): {@link PartitionBuffers} drops the oldest ({@link #removeOldest}) of the heaviest ring
 * to keep all rings within one byte budget.
 *
 * <p>Not thread-safe: one thread (the one that drains the tail's queue) owns it.
 */
public final class EventRing {
    /** The event object, its value and key arrays' headers and its verdict, roughly. */
    static final int EVENT_OVERHEAD_BYTES = 100;
    /** A header object and its arrays' headers, roughly. */
    static final int HEADER_OVERHEAD_BYTES = 48;

    private TailEvent[] slots;
    private int head; // index of the oldest
    private int size;
    private long evicted;
    private long bytes; // the sum of bytesOf over the events held

    public EventRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        slots = new TailEvent[capacity];
    }

    public int capacity() {
        return slots.length;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** How many events were dropped to make room since the ring was made or cleared. */
    public long evicted() {
        return evicted;
    }

    /**
     * An estimate of the heap one event holds: its value, its key (two bytes a character), its headers' keys
     * and values, and the objects around them. Lengths only, nothing is decoded; an event always gives the
     * same figure, so adding and dropping it agree.
     */
    static long bytesOf(TailEvent e) {
        return e.heldBytes();
    }

    /** The estimated bytes the events held take (see {@link #bytesOf}). */
    public long bytes() {
        return bytes;
    }

    /** Adds the newest event; returns the one it pushed out, or null. */
    public TailEvent add(TailEvent e) {
        bytes += bytesOf(e);
        if (size < slots.length) {
            slots[(head + size) % slots.length] = e;
            size++;
            return null;
        }
        TailEvent dropped = slots[head];
        slots[head] = e;
        head = (head + 1) % slots.length;
        evicted++;
        bytes -= bytesOf(dropped);
        return dropped;
    }

    /** Drops the oldest event (to make room in bytes rather than in count); returns it, or null when empty. */
    public TailEvent removeOldest() {
        if (size == 0) {
            return null;
        }
        TailEvent dropped = slots[head];
        slots[head] = null;
        head = (head + 1) % slots.length;
        size--;
        evicted++;
        bytes -= bytesOf(dropped);
        return dropped;
    }

    /** The i-th event, 0 being the oldest held. */
    public TailEvent get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return slots[(head + i) % slots.length];
    }

    /** The oldest event held, or null. */
    public TailEvent oldest() {
        return size == 0 ? null : slots[head];
    }

    public TailEvent newest() {
        return size == 0 ? null : get(size - 1);
    }

    public void clear() {
        java.util.Arrays.fill(slots, null);
        head = 0;
        size = 0;
        evicted = 0;
        bytes = 0;
    }

    /** Changes the capacity, keeping the newest events that fit. */
    public void resize(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        List<TailEvent> keep = toList();
        int from = Math.max(0, keep.size() - capacity);
        for (int i = 0; i < from; i++) {
            bytes -= bytesOf(keep.get(i));
        }
        slots = new TailEvent[capacity];
        head = 0;
        size = 0;
        for (int i = from; i < keep.size(); i++) {
            slots[size++] = keep.get(i);
        }
    }

    /** The events held, oldest first, as a read-only list that follows the ring (not a copy). */
    public List<TailEvent> view() {
        return new java.util.AbstractList<>() {
            @Override
            public TailEvent get(int i) {
                return EventRing.this.get(i);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The events held, oldest first (a copy). */
    public List<TailEvent> toList() {
        List<TailEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(get(i));
        }
        return out;
    }
}
