package com.trafficmanager.console.ui.invalidation;

import com.trafficmanager.console.invalidation.ConsumerState;
import com.trafficmanager.console.invalidation.CounterSnapshot;
import com.trafficmanager.console.invalidation.Counts;
import com.trafficmanager.console.invalidation.FaultInjector;
import com.trafficmanager.console.invalidation.InvalidationSnapshot;
import com.trafficmanager.console.invalidation.LagStatus;
import com.trafficmanager.console.invalidation.PartitionLag;
import com.trafficmanager.console.invalidation.ProcessedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * View model of the Invalidation tab: the consumer's state and commands, counters, per-partition lag and
 * status, the trend charts' points, the last events, and the sandbox's fault injection; the cache
 * inspector's fields and commands are its part {@link #inspector()}.
 *
 * <p>{@link #apply} takes one {@link InvalidationSnapshot} per sampling tick and must run on the UI
 * thread; every list it fills is bounded (partitions, {@value #RECENT_ROWS} events, 15 minutes of trend).
 * Commands run on the {@code background} executor and report back through {@code ui}.
 */
public final class InvalidationViewModel {
    public static final int RECENT_ROWS = 200;
    public static final Duration TREND_SPAN = Duration.ofMinutes(15);
    public static final int MAX_TREND_POINTS = 900;
    /** A partition row's lag while it cannot be read (shown as "?"). */
    public static final long UNKNOWN_LAG = -1;
    private static final String ARMED =
            "armed: the consumer crashes after processing its next batch, before committing it";
    public static final String TIME_LAG_RULE = "Lag = log-end offset - committed offset (Kafka Admin API). "
            + "Time lag = now - timestamp of the oldest record not yet consumed (the one at the committed offset).";
    public static final String STATUS_RULE = "Status over the last 20 samples, 1 s apart (Burrow's rules): "
            + "REWIND if the committed offset went back; OK if lag was 0 in any sample; STOP if no commit for longer "
            + "than the window spans; STALL if the offset did not move while lag > 0; WARN if it moved but lag never "
            + "fell; else OK.";

    private final InvalidationControls controls;
    private final CacheInspectorModel inspector;
    private final Executor background;
    private final Executor ui;

    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("starting");
    private final ReadOnlyStringWrapper stateDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper stateLevel = new ReadOnlyStringWrapper("idle");
    private final ReadOnlyLongWrapper processed = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deleted = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper absent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper duplicates = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper malformed = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper errors = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper retries = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper rebalances = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper commits = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("0.0/s");
    private final ReadOnlyLongWrapper totalLag = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper maxLag = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper maxTimeLag = new ReadOnlyStringWrapper("0 s");
    private final ReadOnlyStringWrapper groupStatus = new ReadOnlyStringWrapper(LagStatus.OK.name());
    private final ReadOnlyStringWrapper lagError = new ReadOnlyStringWrapper("");
    private final ObservableList<PartitionRow> partitions = FXCollections.observableArrayList();
    private final ObservableList<EventRow> recent = FXCollections.observableArrayList();
    private final ObservableList<TrendPoint> lagTrend = FXCollections.observableArrayList();
    private final ObservableList<TrendPoint> rateTrend = FXCollections.observableArrayList();
    // one read-only view per list, handed out every time: the backing list holds a view only weakly, so a
    // view made per call (and its listeners, e.g. a chart's) would go with the next garbage collection
    private final ObservableList<PartitionRow> partitionsView = FXCollections.unmodifiableObservableList(partitions);
    private final ObservableList<EventRow> recentView = FXCollections.unmodifiableObservableList(recent);
    private final ObservableList<TrendPoint> lagTrendView = FXCollections.unmodifiableObservableList(lagTrend);
    private final ObservableList<TrendPoint> rateTrendView = FXCollections.unmodifiableObservableList(rateTrend);
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final StringProperty outageSeconds = new SimpleStringProperty("10");
    private final ReadOnlyStringWrapper faultMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper outageRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canInjectCrash = new ReadOnlyBooleanWrapper();
    /** The time of the last tick (epoch seconds): the charts' right edge, also while the lag is unknown. */
    private final ReadOnlyDoubleWrapper trendNow = new ReadOnlyDoubleWrapper(System.currentTimeMillis() / 1000.0);
    private boolean crashMessageShown;
    private List<ProcessedEvent> lastRecent = List.of();

    public InvalidationViewModel(InvalidationControls controls, CacheInspectorModel inspector, Executor background,
                                 Executor ui) {
        this.controls = controls;
        this.inspector = inspector;
        this.background = background;
        this.ui = ui;
        if (!controls.consumeAllowed()) {
            stateDetail.set("read-only profile: this console does not run the consumer (it would commit the group's "
                    + "offsets); the lag below is the group's");
        }
    }

    /** The cache inspector's part of the tab. */
    public CacheInspectorModel inspector() {
        return inspector;
    }

    /** One sampling tick; on the UI thread. */
    public void apply(InvalidationSnapshot s) {
        ConsumerState st = s.state();
        state.set(st.label());
        if (controls.consumeAllowed()) {
            stateDetail.set(s.stateDetail() == null ? "" : s.stateDetail());
        }
        stateLevel.set(switch (st) {
            case RUNNING -> "ok";
            case PAUSED, STARTING, RESTARTING -> "warn";
            case WAITING_FOR_REDIS, CRASHED -> "bad";
            case STOPPED -> "idle";
        });
        boolean live = st != ConsumerState.STOPPED && st != ConsumerState.CRASHED;
        canStart.set(controls.consumeAllowed() && !live);
        canStop.set(live);
        // the operator's pause, not the state's label: a pause made while waiting for Redis shows that state
        canPause.set(live && !s.pauseRequested());
        canResume.set(live && s.pauseRequested());
        if (s.pauseRequested() && live && st != ConsumerState.PAUSED) {
            stateDetail.set((stateDetail.get().isEmpty() ? "" : stateDetail.get() + "; ")
                    + "paused by the operator: Resume to go on");
        }
        // a crash armed on a consumer that is not running would fire at some later Start, maybe hours on
        canInjectCrash.set(controls.faultsAvailable() && controls.consumeAllowed() && live && !s.crashArmed());

        CounterSnapshot c = s.counters();
        Counts t = c.total();
        processed.set(t.processed());
        deleted.set(t.deleted());
        absent.set(t.absent());
        duplicates.set(t.duplicates());
        malformed.set(t.malformed());
        errors.set(t.errors());
        commits.set(t.commits());
        retries.set(c.retries());
        rebalances.set(c.rebalances());
        rate.set(Formats.rate(s.eventsPerSecond()));

        double epoch = s.at().toEpochMilli() / 1000.0;
        if (s.lag() != null) {
            lagError.set("");
            totalLag.set(s.lag().totalLag());
            maxLag.set(s.lag().maxLag());
            maxTimeLag.set(Formats.duration(s.lag().maxTimeLagMs()));
            groupStatus.set(s.groupStatus().name());
            List<PartitionRow> rows = new ArrayList<>();
            for (PartitionLag p : s.lag().partitions()) {
                Counts pc = c.partition(p.partition());
                LagStatus ps = s.statuses().getOrDefault(p.partition(), LagStatus.OK);
                rows.add(new PartitionRow(p.partition(), p.endOffset(), p.committed() < 0 ? "-" : Long.toString(p.committed()),
                        p.lag(), Formats.duration(p.timeLagMs()), ps.name(), pc.processed(), pc.deleted(),
                        pc.duplicates(), pc.malformed(), s.assigned().contains(p.partition())));
            }
            partitions.setAll(rows);
            append(lagTrend, new TrendPoint(epoch, s.lag().totalLag()));
        } else {
            // not the last figures as if they were now's: the tiles and statuses say unknown, the rows keep
            // their last offsets (and their counters, which are this console's own)
            lagError.set("lag unknown: " + s.lagError());
            totalLag.set(-1);
            maxLag.set(-1);
            maxTimeLag.set("?");
            groupStatus.set("?");
            partitions.replaceAll(r -> new PartitionRow(r.partition(), r.endOffset(), r.committed(), UNKNOWN_LAG, "?",
                    "?", r.processed(), r.deleted(), r.duplicates(), r.malformed(), r.here()));
            trim(lagTrend, epoch); // the chart moves on with the clock and shows no lag for the time unknown
        }
        trendNow.set(epoch);
        append(rateTrend, new TrendPoint(epoch, s.eventsPerSecond()));

        if (!s.recent().equals(lastRecent)) {
            lastRecent = s.recent();
            List<EventRow> rows = new ArrayList<>(Math.min(RECENT_ROWS, s.recent().size()));
            for (int i = s.recent().size() - 1; i >= 0 && rows.size() < RECENT_ROWS; i--) {
                ProcessedEvent e = s.recent().get(i);
                rows.add(new EventRow(Formats.time(e.at()), e.partition() + "/" + e.offset(),
                        e.key() == null ? "" : e.key(), e.action(), e.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        e.detail()));
            }
            recent.setAll(rows);
        }
        if (s.crashArmed()) {
            faultMessage.set(ARMED);
            crashMessageShown = true;
        } else if (s.lastCrashUncommitted() >= 0 && st == ConsumerState.CRASHED) {
            faultMessage.set("crashed with " + s.lastCrashUncommitted() + " events processed but not committed; "
                    + "press Start: the duplicates counter will rise by exactly that many");
            crashMessageShown = true;
        } else if (crashMessageShown) {
            faultMessage.set(""); // started again after the crash: the message told what to do, and it is done
            crashMessageShown = false;
        }
    }

    private static void append(ObservableList<TrendPoint> trend, TrendPoint p) {
        trend.add(p);
        trim(trend, p.epochSeconds());
    }

    /** Drops the points older than the span before {@code now}, and the oldest beyond the bound. */
    private static void trim(ObservableList<TrendPoint> trend, double now) {
        double oldest = now - TREND_SPAN.toSeconds();
        int drop = 0;
        while (drop < trend.size() && (trend.get(drop).epochSeconds() < oldest || trend.size() - drop > MAX_TREND_POINTS)) {
            drop++;
        }
        if (drop > 0) {
            trend.remove(0, drop);
        }
    }

    // ---- commands -----------------------------------------------------------------------------------

    public void start() {
        run(controls::start);
        canStart.set(false);
    }

    public void stop() {
        run(controls::stop);
        canStop.set(false);
    }

    public void pause() {
        run(controls::pause);
        canPause.set(false);
    }

    public void resume() {
        run(controls::resume);
        canResume.set(false);
    }

    public void resetCounters() {
        run(controls::resetCounters);
        lagTrend.clear();
        rateTrend.clear();
        recent.clear();
        lastRecent = List.of();
    }

    public boolean faultsAvailable() {
        return controls.faultsAvailable();
    }

    public void crashAfterProcessing() {
        if (!controls.faultsAvailable()) {
            faultMessage.set("fault injection is only available on the sandbox");
            return;
        }
        if (!canInjectCrash.get()) {
            return; // the button is disabled: not running, or already armed
        }
        run(controls::crashAfterProcessing);
        canInjectCrash.set(false);
        faultMessage.set(ARMED);
        crashMessageShown = true;
    }

    /** Validates the seconds field (1 to 600) and runs the outage; the message says what happens. */
    public void redisOutage() {
        if (!controls.faultsAvailable()) {
            faultMessage.set("fault injection is only available on the sandbox");
            return;
        }
        int seconds;
        try {
            seconds = Integer.parseInt(outageSeconds.get().trim());
        } catch (NumberFormatException | NullPointerException e) {
            faultMessage.set("outage seconds must be a whole number from 1 to " + FaultInjector.MAX_OUTAGE_SECONDS
                    + ", got '" + outageSeconds.get() + "'");
            return;
        }
        if (seconds < 1 || seconds > FaultInjector.MAX_OUTAGE_SECONDS) {
            faultMessage.set("outage seconds must be from 1 to " + FaultInjector.MAX_OUTAGE_SECONDS + ", got " + seconds);
            return;
        }
        outageRunning.set(true);
        faultMessage.set("Redis stopped for " + seconds + " s: watch the consumer pause, retry and resume");
        background.execute(() -> {
            String result;
            try {
                controls.redisOutage(Duration.ofSeconds(seconds));
                result = "Redis is back after " + seconds + " s; the consumer resumes by itself";
            } catch (Exception e) {
                result = "the outage did not end cleanly: " + e.getMessage();
            }
            String message = result;
            ui.execute(() -> {
                outageRunning.set(false);
                faultMessage.set(message);
            });
        });
    }

    private void run(Runnable command) {
        background.execute(command);
    }

    // ---- properties ---------------------------------------------------------------------------------

    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty stateDetailProperty() { return stateDetail.getReadOnlyProperty(); }
    /** ok, warn, bad or idle: how the state badge looks. */
    public ReadOnlyStringProperty stateLevelProperty() { return stateLevel.getReadOnlyProperty(); }
    public ReadOnlyLongProperty processedProperty() { return processed.getReadOnlyProperty(); }
    public ReadOnlyLongProperty deletedProperty() { return deleted.getReadOnlyProperty(); }
    public ReadOnlyLongProperty absentProperty() { return absent.getReadOnlyProperty(); }
    public ReadOnlyLongProperty duplicatesProperty() { return duplicates.getReadOnlyProperty(); }
    public ReadOnlyLongProperty malformedProperty() { return malformed.getReadOnlyProperty(); }
    public ReadOnlyLongProperty errorsProperty() { return errors.getReadOnlyProperty(); }
    public ReadOnlyLongProperty retriesProperty() { return retries.getReadOnlyProperty(); }
    public ReadOnlyLongProperty rebalancesProperty() { return rebalances.getReadOnlyProperty(); }
    public ReadOnlyLongProperty commitsProperty() { return commits.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rateProperty() { return rate.getReadOnlyProperty(); }
    public ReadOnlyLongProperty totalLagProperty() { return totalLag.getReadOnlyProperty(); }
    public ReadOnlyLongProperty maxLagProperty() { return maxLag.getReadOnlyProperty(); }
    public ReadOnlyStringProperty maxTimeLagProperty() { return maxTimeLag.getReadOnlyProperty(); }
    public ReadOnlyStringProperty groupStatusProperty() { return groupStatus.getReadOnlyProperty(); }
    public ReadOnlyStringProperty lagErrorProperty() { return lagError.getReadOnlyProperty(); }
    public ObservableList<PartitionRow> partitions() { return partitionsView; }
    public ObservableList<EventRow> recentEvents() { return recentView; }
    public ObservableList<TrendPoint> lagTrend() { return lagTrendView; }
    public ObservableList<TrendPoint> rateTrend() { return rateTrendView; }
    public ReadOnlyBooleanProperty canStartProperty() { return canStart.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canStopProperty() { return canStop.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canPauseProperty() { return canPause.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canResumeProperty() { return canResume.getReadOnlyProperty(); }
    public StringProperty outageSecondsProperty() { return outageSeconds; }
    public ReadOnlyStringProperty faultMessageProperty() { return faultMessage.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty outageRunningProperty() { return outageRunning.getReadOnlyProperty(); }
    /** Running (or starting, or waiting) on the sandbox, with no crash armed yet. */
    public ReadOnlyBooleanProperty canInjectCrashProperty() { return canInjectCrash.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty trendNowProperty() { return trendNow.getReadOnlyProperty(); }
}
