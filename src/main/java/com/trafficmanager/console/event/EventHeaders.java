package com.trafficmanager.console.event;

/**
 * Names of the Kafka record headers every route event carries, so tools can dedupe and route on the
 * version without parsing the JSON. Values are UTF-8 strings.
 */
public final class EventHeaders {
    public static final String EVENT_ID = "event_id";
    public static final String EVENT_VERSION = "event_version";

    private EventHeaders() {
    }
}
