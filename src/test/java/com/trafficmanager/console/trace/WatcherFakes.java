package com.trafficmanager.console.trace;

import com.trafficmanager.console.outbox.PublishState;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The watcher's batched reads answered with one value for every event or key asked about. */
final class WatcherFakes {
    private WatcherFakes() {
    }

    static TraceWatcher.PublishStates publishes(Supplier<PublishState> state) {
        return ids -> {
            Map<UUID, PublishState> states = new HashMap<>();
            ids.forEach(id -> states.put(id, state.get()));
            return states;
        };
    }

    static TraceWatcher.CacheReader caches(Supplier<CacheState> state) {
        return keys -> {
            Map<String, CacheState> states = new HashMap<>();
            keys.forEach(k -> states.put(k, state.get()));
            return states;
        };
    }
}
