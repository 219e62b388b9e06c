package com.trafficmanager.console.stream;

import com.trafficmanager.console.event.RouteChangedEvent;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the operator filters the live table by; blank criteria match everything. Action, tenant,
 * service and env match exactly; the event id matches by prefix (ids are long, operators paste the
 * start); free text is a case-insensitive substring of the key or the raw value; the regular
 * expression is searched for in the raw value. Malformed records match only the text, the regex and
 * "malformed only", never a field they do not have.
 *
 * <p>A regular expression that does not compile filters nothing (it is ignored) and its error is in
 * {@link Compiled#error()}, for the view to show.
 */
public record EventFilter(String action, String tenant, String service, String env, String eventId,
                          String text, String regex, boolean malformedOnly) {

    /**
     * A compiled filter: the predicate and, when the regex is bad, why; {@code slowRegex} is set once the
     * regex ran too long or too deep on a record (it then matches nothing more, see {@link #SLOW_REGEX}
     * and {@link #DEEP_REGEX}).
     */
    public record Compiled(Predicate<TailEvent> predicate, String error, boolean matchesAll,
                           java.util.concurrent.atomic.AtomicReference<String> slowRegex) {
        public boolean test(TailEvent e) {
            return predicate.test(e);
        }

        /** The compile error, or the regex's running too long, or null. */
        public String problem() {
            return error != null ? error : slowRegex.get();
        }
    }

    /**
     * A regular expression may backtrack for minutes on one value ({@code (a+)+$}); it runs on the window's
     * thread (for events as they arrive) and on the Live filter's (re-filtering the buffer), so each match
     * has {@value #REGEX_BUDGET_MILLIS} ms, and after {@value #SLOW_STRIKES} that run out the expression
     * matches nothing more and says why. This bounds one match, not a pulse's many: the Live tab also gives
     * filtering arrivals a time budget per pulse, past which they are re-filtered off the window's thread.
     */
    public static final String SLOW_REGEX = "regular expression: too slow on these values (it backtracks); "
            + "simplify it - it matches nothing until then";
    /**
     * Java's regex engine recurses once per character for a repeated group such as {@code (a|b)*}, and
     * on a long value runs out of stack: the first time it does the expression matches nothing more and
     * says why, instead of the error ending the thread's work.
     */
    public static final String DEEP_REGEX = "regular expression: too deep for these values (a repeated group "
            + "recurses once per character, e.g. (a|b)*; try [ab]*); simplify it - it matches nothing until then";
    static final long REGEX_BUDGET_MILLIS = 5;
    static final int SLOW_STRIKES = 3;

    public static EventFilter none() {
        return new EventFilter("", "", "", "", "", "", "", false);
    }

    public EventFilter {
        action = trim(action);
        tenant = trim(tenant);
        service = trim(service);
        env = trim(env);
        eventId = trim(eventId).toLowerCase(Locale.ROOT);
        text = trim(text);
        regex = regex == null ? "" : regex;
    }

    public Compiled compile() {
        Pattern pattern = null;
        String error = null;
        if (!regex.isEmpty()) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                error = "regular expression: " + e.getDescription() + " near index " + e.getIndex()
                        + "; it filters nothing until fixed";
            }
        }
        boolean fields = !action.isEmpty() || !tenant.isEmpty() || !service.isEmpty() || !env.isEmpty()
                || !eventId.isEmpty();
        String needle = text.toLowerCase(Locale.ROOT);
        byte[] asciiNeedle = needle.isEmpty() ? null : AsciiSearch.needle(needle);
        Pattern p = pattern;
        boolean all = !fields && needle.isEmpty() && p == null && !malformedOnly;
        java.util.concurrent.atomic.AtomicReference<String> slow = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger strikes = new java.util.concurrent.atomic.AtomicInteger();
        Predicate<TailEvent> predicate = all ? e -> true : e -> {
            if (malformedOnly && !e.malformed()) {
                return false;
            }
            if (fields && !fieldsMatch(e)) {
                return false;
            }
            String raw = null;
            if (!needle.isEmpty() && !(e.key() != null && e.key().toLowerCase(Locale.ROOT).contains(needle))) {
                AsciiSearch.Answer inBytes = asciiNeedle == null || e.rawValue() == null ? AsciiSearch.Answer.UNSURE
                        : AsciiSearch.find(e.rawValue(), asciiNeedle);
                if (inBytes == AsciiSearch.Answer.ABSENT) {
                    return false;
                }
                if (inBytes == AsciiSearch.Answer.UNSURE) {
                    raw = e.valueText();
                    if (!raw.toLowerCase(Locale.ROOT).contains(needle)) {
                        return false;
                    }
                }
            }
            if (p == null) {
                return true;
            }
            if (slow.get() != null) {
                return false;
            }
            try {
                return p.matcher(new BoundedText(raw != null ? raw : e.valueText(),
                        System.nanoTime() + REGEX_BUDGET_MILLIS * 1_000_000L)).find();
            } catch (BoundedText.OutOfTime tooLong) {
                if (strikes.incrementAndGet() >= SLOW_STRIKES) {
                    slow.set(SLOW_REGEX);
                }
                return false;
            } catch (StackOverflowError tooDeep) {
                slow.set(DEEP_REGEX);
                return false;
            }
        };
        return new Compiled(predicate, error, all, slow);
    }

    /**
     * Answered from what the check kept (the action) and the record key when it is the event's own
     * {@code tenant:service:env:version}: a filter over every buffered event must not decode each one
     * again (that took 90 ms a keystroke over 60,000 events, 10 ms this way). The value is decoded only
     * for an event id, or when the key is not the event's.
     */
    private boolean fieldsMatch(TailEvent e) {
        if (e.malformed()) {
            return false;
        }
        if (!action.isEmpty() && !action.equals(e.action().wireName())) {
            return false;
        }
        if (tenant.isEmpty() && service.isEmpty() && env.isEmpty() && eventId.isEmpty()) {
            return true;
        }
        if (eventId.isEmpty() && e.keyIsTheEvents()) {
            String key = e.key();
            int first = key.indexOf(':');
            int second = first < 0 ? -1 : key.indexOf(':', first + 1);
            int third = second < 0 ? -1 : key.indexOf(':', second + 1);
            if (third >= 0 && key.indexOf(':', third + 1) < 0) { // exactly four parts: each one a field
                return segmentIs(key, 0, first, tenant) && segmentIs(key, first + 1, second, service)
                        && segmentIs(key, second + 1, third, env);
            }
        }
        return fieldsMatch(e.event());
    }

    /** Whether {@code key[from, to)} is {@code wanted}, or nothing is wanted. */
    private static boolean segmentIs(String key, int from, int to, String wanted) {
        return wanted.isEmpty() || (to - from == wanted.length() && key.startsWith(wanted, from));
    }

    private boolean fieldsMatch(RouteChangedEvent ev) {
        if (ev == null) {
            return false;
        }
        return (action.isEmpty() || action.equals(ev.action().wireName()))
                && (tenant.isEmpty() || tenant.equals(ev.tenant()))
                && (service.isEmpty() || service.equals(ev.service()))
                && (env.isEmpty() || env.equals(ev.env()))
                && (eventId.isEmpty() || ev.eventId().toString().startsWith(eventId));
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
