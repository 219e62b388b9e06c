package com.trafficmanager.console.ui.routes;

/**
 * One line of the history pane, already in words: the action, what changed ({@code url: a -> b}), who,
 * when, the event id and where it was published ("partition 3, offset 17" or "pending").
 */
public record HistoryRow(String action, String change, String actor, String time, String eventId,
                         String published) {
}
