package com.trafficmanager.console.stream;

/**
 * Text that a regular expression may read only until a deadline: the matcher reads it character by
 * character, so a match that backtracks past the deadline ends with {@link OutOfTime} instead of
 * holding its thread. Checking the clock on every read costs too much, so it is checked every 1,024.
 */
final class BoundedText implements CharSequence {
    /** The match ran out of time. */
    static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("regular expression ran out of time", null, false, false);
        }
    }

    private final CharSequence text;
    private final long deadlineNanos;
    private int reads;

    BoundedText(CharSequence text, long deadlineNanos) {
        this.text = text;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 1023) == 0 && System.nanoTime() > deadlineNanos) {
            throw new OutOfTime();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.subSequence(start, end), deadlineNanos);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
