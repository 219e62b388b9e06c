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
 * name another route's key).
 */
record DecodedRecord(ConsumerRecord<String, byte[]> record, RouteChangedEvent event, String malformedReason) {

    static DecodedRecord of(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            return new DecodedRecord(record, null, "empty value");
        }
        try {
            RouteChangedEvent e = EventCodec.decode(record.value());
            List<FieldError> errors = RouteValidator.validateKey(e.tenant(), e.service(), e.env(), e.version());
            if (!errors.isEmpty()) {
                return new DecodedRecord(record, null,
                        errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
            }
            return new DecodedRecord(record, e, null);
        } catch (MalformedEventException ex) {
            return new DecodedRecord(record, null, ex.getMessage());
        } catch (RuntimeException ex) {
            return new DecodedRecord(record, null, "unreadable: " + ex);
        }
    }

    boolean malformed() {
        return event == null;
    }
}
