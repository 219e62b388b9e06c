package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.MalformedEventException;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.route.FieldError;
import com.trafficmanager.console.route.RouteValidator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record read as a route event, or the reason it cannot be: not JSON, a field missing, an unknown
 * major version, an empty value, or route names that are not valid (a cache key built from them could
 * name another route's key). An action this console does not know is not a reason: the route changed,
 * so its key is invalidated all the same (the compatibility rule of the event schema).
 */
record DecodedRecord(ConsumerRecord<String, byte[]> record, RouteChangedEvent event, String action,
                     String note, String malformedReason) {
    static final String UNKNOWN_ACTION_NOTE = "action unknown to this console: invalidated as a change of the route";

    static DecodedRecord of(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            return malformed(record, "empty value");
        }
        try {
            EventCodec.CacheEvent read = EventCodec.decodeForCache(record.value());
            RouteChangedEvent e = read.event();
            List<FieldError> errors = RouteValidator.validateKey(e.tenant(), e.service(), e.env(), e.version());
            if (!errors.isEmpty()) {
                return malformed(record, errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
            }
            return new DecodedRecord(record, e, read.actionName(), read.knownAction() ? "" : UNKNOWN_ACTION_NOTE, null);
        } catch (MalformedEventException ex) {
            return malformed(record, ex.getMessage());
        } catch (RuntimeException ex) {
            return malformed(record, "unreadable: " + ex);
        }
    }

    private static DecodedRecord malformed(ConsumerRecord<String, byte[]> record, String reason) {
        return new DecodedRecord(record, null, "", "", reason);
    }

    boolean malformed() {
        return event == null;
    }
}
