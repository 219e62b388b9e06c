package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.invalidation.CacheInspector;
import com.trafficmanager.console.invalidation.CacheKeys;
import com.trafficmanager.console.invalidation.CacheResolver;
import com.trafficmanager.console.invalidation.KeyInspection;
import com.trafficmanager.console.invalidation.KeyScan;
import com.trafficmanager.console.invalidation.Resolution;
import com.trafficmanager.console.invalidation.VerifyReport;
import com.trafficmanager.console.route.FieldError;
import com.trafficmanager.console.route.RouteKey;
import com.trafficmanager.console.route.RouteValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * View model of the cache inspector: a route's key (value, TTL, marker), a read through the resolver
 * (hit or miss), keys by pattern (bounded SCAN), and "Verify cache against database". Validates the
 * route fields with the route rules and names the field in its message; runs Redis and database work
 * on {@code background}, and publishes results through {@code ui}; only the latest request's answer shows.
 */
public final class CacheInspectorModel {
    public static final int SCAN_LIMIT = 500;

    private final CacheInspector inspector;
    private final CacheResolver resolver;
    private final Executor background;
    private final Executor ui;

    private final StringProperty tenant = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty env = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("");
    private final StringProperty pattern = new SimpleStringProperty("route:*");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** A listing runs: the key list is about to be replaced, so a key picked from it now is not looked up. */
    private final ReadOnlyBooleanWrapper listing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ObservableList<String> keys = FXCollections.observableArrayList();
    private final java.util.concurrent.atomic.AtomicLong request = new java.util.concurrent.atomic.AtomicLong();
    // one read-only view per list, handed out every time: the backing list holds a view only weakly, so a
    // view made per call (and its listeners) would go with the next garbage collection
    private final ObservableList<String> keysView = FXCollections.unmodifiableObservableList(keys);

    public CacheInspectorModel(CacheInspector inspector, CacheResolver resolver, Executor background, Executor ui) {
        this.inspector = inspector;
        this.resolver = resolver;
        this.background = background;
        this.ui = ui;
    }

    /** Shows the key's value, TTL and revision marker. */
    public void lookUp() {
        routeKey().ifPresent(key -> submit("Looking up " + CacheKeys.route(key) + "...",
                () -> describe(inspector.inspect(key))));
    }

    /**
     * Looks up a key picked from the listed keys: its route goes into the route fields first, so
     * Resolve works on it next. A key that is not {@code route:tenant:service:env:version} is named.
     */
    public void lookUpKey(String cacheKey) {
        if (listing.get()) {
            return; // a key of the list being replaced: its lookup would drop the listing's answer
        }
        String eventKey = cacheKey == null ? null : CacheKeys.eventKeyOf(cacheKey);
        String[] parts = eventKey == null ? new String[0] : eventKey.split(":", -1);
        if (parts.length != 4) {
            message.set("key: " + cacheKey + " is not a route key (route:tenant:service:env:version)");
            return;
        }
        tenant.set(parts[0]);
        service.set(parts[1]);
        env.set(parts[2]);
        version.set(parts[3]);
        lookUp();
    }

    /** Reads through the cache as the Traffic Manager's readers do: hit, or miss then database and fill. */
    public void resolve() {
        routeKey().ifPresent(key -> submit("Resolving " + key + " through the cache...", () -> {
            Resolution r = resolver.resolve(key);
            return r.kind().label() + (r.value() == null ? ""
                    : "\nvalue: " + r.value().toJson()) + "\n\n" + describe(inspector.inspect(key));
        }));
    }

    public void scan() {
        String p = pattern.get() == null ? "" : pattern.get().trim();
        if (p.isEmpty() || p.length() > 200) {
            message.set("pattern: enter a glob pattern of 1 to 200 characters, e.g. route:team-a:*");
            return;
        }
        long id = begin("Listing keys matching " + p + "...");
        listing.set(true);
        background.execute(() -> {
            try {
                KeyScan scan = inspector.scan(p, SCAN_LIMIT);
                ui.execute(() -> {
                    if (id == request.get()) {
                        keys.setAll(scan.keys());
                        result.set(scan.keys().size() + " key(s) match " + p + (scan.truncated()
                                ? " (stopped at " + SCAN_LIMIT + "; narrow the pattern)" : ""));
                        done();
                    }
                });
            } catch (RuntimeException | Error e) {
                failed(id, e, true);
            }
        });
    }

    public void verify() {
        submit("Verifying every cached route against the database...", () -> {
            VerifyReport r = inspector.verify();
            StringBuilder sb = new StringBuilder();
            sb.append(r.clean() ? "The cache agrees with the database: " : "The cache disagrees with the database: ")
                    .append(r.checked()).append(" cached route(s) checked, ").append(r.stale().size())
                    .append(" stale, ").append(r.orphaned().size()).append(" orphaned")
                    .append(r.truncated() ? " (stopped at " + CacheInspector.MAX_VERIFY + " keys)" : "").append('.');
            appendList(sb, "Stale (value differs from the database)", r.stale());
            appendList(sb, "Orphaned (no such route in the database)", r.orphaned());
            if (!r.clean()) {
                sb.append("\nA route changed a moment ago may show until its invalidation arrives: verify again.");
            }
            return sb.toString();
        });
    }

    private static void appendList(StringBuilder sb, String title, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append("\n").append(title).append(":");
            keys.stream().limit(50).forEach(k -> sb.append("\n  ").append(k));
            if (keys.size() > 50) {
                sb.append("\n  ... and ").append(keys.size() - 50).append(" more");
            }
        }
    }

    private static String describe(KeyInspection k) {
        return "key: " + k.key() + "\nvalue: " + (k.value() == null ? "(absent)" : k.value())
                + "\nTTL: " + ttl(k.ttlMs()) + "\nrevision marker: " + (k.marker() == null ? "(none)"
                : k.marker() + " (expires in " + ttl(k.markerTtlMs()) + ")");
    }

    private static String ttl(long ms) {
        return ms == -2 ? "-" : ms == -1 ? "no expiry" : Formats.duration(ms);
    }

    private java.util.Optional<RouteKey> routeKey() {
        String t = trim(tenant);
        String s = trim(service);
        String e = trim(env);
        String v = trim(version);
        List<FieldError> errors = RouteValidator.validateKey(t, s, e, v);
        if (!errors.isEmpty()) {
            Map<String, String> byField = RouteValidator.messagesByField(errors);
            message.set(String.join("\n", new ArrayList<>(byField.values())));
            return java.util.Optional.empty();
        }
        message.set("");
        return java.util.Optional.of(new RouteKey(t, s, e, v));
    }

    private static String trim(StringProperty p) {
        return p.get() == null ? "" : p.get().trim();
    }

    /**
     * Busy with {@code what} (shown while it runs); the previous result goes, so nothing stale reads as
     * current. Returns the request's number: only the latest request's answer is shown (keys picked one
     * after another in the list, or a pick during a verify, run at once and may finish in any order).
     */
    private long begin(String what) {
        busy.set(true);
        activity.set(what);
        message.set("");
        result.set("");
        return request.incrementAndGet();
    }

    private void submit(String what, Supplier<String> work) {
        long id = begin(what);
        background.execute(() -> {
            try {
                String text = work.get();
                ui.execute(() -> {
                    if (id == request.get()) {
                        result.set(text);
                        done();
                    }
                });
            } catch (RuntimeException | Error e) {
                failed(id, e, false);
            }
        });
    }

    private void done() {
        busy.set(false);
        listing.set(false);
        activity.set("");
    }

    /**
     * Shows the failure of the latest request and frees the buttons (a failed listing also empties the
     * list); an Error then goes on up (logged, and a dialog).
     */
    private void failed(long id, Throwable e, boolean listing) {
        ui.execute(() -> {
            if (id != request.get()) {
                return;
            }
            message.set(e instanceof Error ? "Failed: " + e : "Redis or the database did not answer: " + e.getMessage());
            result.set("");
            if (listing) {
                keys.clear();
            }
            done();
        });
        if (e instanceof Error error) {
            throw error;
        }
    }

    public StringProperty tenantProperty() { return tenant; }
    public StringProperty serviceProperty() { return service; }
    public StringProperty envProperty() { return env; }
    public StringProperty versionProperty() { return version; }
    public StringProperty patternProperty() { return pattern; }
    /** Input problems and failures, naming the field. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty listingProperty() { return listing.getReadOnlyProperty(); }
    /** What runs now ("Verifying ..."), empty when nothing does. */
    public ReadOnlyStringProperty activityProperty() { return activity.getReadOnlyProperty(); }
    public ObservableList<String> keys() { return keysView; }
}
