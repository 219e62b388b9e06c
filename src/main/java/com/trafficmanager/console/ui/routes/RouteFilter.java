package com.trafficmanager.console.ui.routes;

import com.trafficmanager.console.route.RouteState;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The table's filter: free text over all columns (every whitespace-separated word must occur, in any
 * column, case-insensitive), an env (null = all) and a state (null = all). Pure, so the rules are tested
 * without a toolkit; cheap per row because it reads the row's precomputed search text.
 */
public record RouteFilter(String text, String env, RouteState state) implements Predicate<RouteRow> {
    public static final RouteFilter ALL = new RouteFilter("", null, null);

    private static final String[] NO_WORDS = new String[0];

    public RouteFilter {
        text = text == null ? "" : text;
    }

    /** One row; to filter many rows, {@link #compile()} once and use that. */
    @Override
    public boolean test(RouteRow row) {
        return compile().test(row);
    }

    /** Whether this filter lets every row through. */
    public boolean matchesAll() {
        return state == null && env == null && text.isBlank();
    }

    /** Split on any space, the non-breaking one of text pasted from a chat or a wiki too. */
    private String[] words() {
        String t = text.replaceAll("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$", "");
        return t.isEmpty() ? NO_WORDS : t.toLowerCase(Locale.ROOT).split("[\\s\\p{Z}]+");
    }

    /** The same filter with the words split once, for applying it to many rows. */
    public Predicate<RouteRow> compile() {
        String[] words = words();
        RouteState s = state;
        String e = env;
        return row -> {
            if (s != null && row.route().state() != s) {
                return false;
            }
            if (e != null && !e.equals(row.key().env())) {
                return false;
            }
            String haystack = row.searchText();
            for (String word : words) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        };
    }
}
