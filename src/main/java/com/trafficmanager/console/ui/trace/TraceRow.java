package com.trafficmanager.console.ui.trace;

/**
 * One line of the trace timeline as shown: the hop, when, how long after the previous hop, what
 * happened there, and its state (done, not witnessed by this console, or still waiting).
 */
public record TraceRow(String hop, String time, String latency, String detail, State state) {
    public enum State { DONE, NOT_WITNESSED, WAITING }
}
