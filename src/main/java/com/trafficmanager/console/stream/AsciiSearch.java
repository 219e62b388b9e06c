package com.trafficmanager.console.stream;

/**
 * Case-insensitive search for ASCII text in a record's raw UTF-8 value without decoding it: the Live
 * filter runs it over every buffered event once typing rests, and decoding and lower-casing each value
 * first read and wrote it three times (about 480 ns an event, 30 ms over 60,000 of them).
 *
 * <p>In UTF-8 an ASCII byte is always that character and never part of another, so a match found in
 * the bytes is a match in the text. Only when none is found in a value that holds other characters is
 * the answer {@link Answer#UNSURE}: lower-casing can turn a non-ASCII character into an ASCII one (the
 * Kelvin sign into {@code k}), which only the decoded text shows.
 */
final class AsciiSearch {
    enum Answer { FOUND, ABSENT, UNSURE }

    private AsciiSearch() {
    }

    /** The needle's bytes when it is ASCII and lower case already; else null (search the decoded text). */
    static byte[] needle(String lowerCase) {
        byte[] out = new byte[lowerCase.length()];
        for (int i = 0; i < out.length; i++) {
            char c = lowerCase.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return null;
            }
            out[i] = (byte) c;
        }
        return out;
    }

    /** Whether {@code value} holds {@code needle} (from {@link #needle}, not empty), ignoring ASCII case. */
    static Answer find(byte[] value, byte[] needle) {
        int last = value.length - needle.length;
        byte first = needle[0];
        byte firstUpper = upper(first);
        int seen = 0; // every byte before i or'ed together: negative once a non-ASCII byte was passed
        for (int i = 0; i <= last; i++) {
            byte b = value[i];
            seen |= b;
            if ((b == first || b == firstUpper) && restMatches(value, i, needle)) {
                return Answer.FOUND;
            }
        }
        for (int i = Math.max(0, last + 1); i < value.length; i++) {
            seen |= value[i];
        }
        return seen < 0 ? Answer.UNSURE : Answer.ABSENT;
    }

    private static boolean restMatches(byte[] value, int at, byte[] needle) {
        for (int j = 1; j < needle.length; j++) {
            byte b = value[at + j];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != needle[j]) {
                return false;
            }
        }
        return true;
    }

    private static byte upper(byte lower) {
        return lower >= 'a' && lower <= 'z' ? (byte) (lower - ('a' - 'A')) : lower;
    }
}
