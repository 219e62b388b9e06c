package com.trafficmanager.console.ui.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trafficmanager.console.event.Action;
import com.trafficmanager.console.event.EventCodec;
import com.trafficmanager.console.event.EventIds;
import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.stream.GroupOffsetsReader;
import com.trafficmanager.console.stream.JsonLinesExporter;
import com.trafficmanager.console.stream.PartitionBuffers;
import com.trafficmanager.console.stream.StartPosition;
import com.trafficmanager.console.stream.TailBatch;
import com.trafficmanager.console.stream.TailEvent;
import com.trafficmanager.console.stream.TailStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Live events view model without a JavaFX toolkit: the test plays the tail (filling the queue)
 * and the pulse (calling {@code pulse} itself), then checks what the table and overview would show.
 */
class LiveEventsModelTest {
    private static final long T0 = Instant.parse("2025-05-01T08:00:00Z").toEpochMilli();
    private final FakeSource source = new FakeSource();
    private long now = 1_000_000_000L;

    private static TailEvent valid(int partition, long offset, long ts, String tenant, Action action) {
        RouteChangedEvent e = RouteChangedEvent.of(EventIds.next(), action, tenant, "svc-" + offset, "prod", "v1",
                "https://svc.example.com", Instant.ofEpochMilli(ts), "u", "r", 1L);
        return new TailEvent(partition, offset, ts, e.key(), EventCodec.encode(e), null);
    }

    private static TailEvent junk(int partition, long offset, long ts, String text) {
        return new TailEvent(partition, offset, ts, "k", text.getBytes(StandardCharsets.UTF_8), null);
    }

    private void arrive(TailEvent... events) throws InterruptedException {
        source.queue.offer(TailBatch.events(List.of(events)), 0);
    }

    /** A pulse late enough for the table to take what arrived (it changes at most every 200 ms). */
    private void pulse() {
        now += LiveEventsModel.ROWS_EVERY_NANOS;
        model.pulse(now);
    }

    // re-filters answered at once; HeldWork plays a filter thread that takes its time
    private LiveEventsModel model = new LiveEventsModel(source, 100, Runnable::run);

    /** Filter work the test runs when it chooses, in the order it chooses. */
    private static final class HeldWork implements Executor {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public void execute(Runnable work) {
            held.add(work);
        }

        void runNewestFirst() {
            List<Runnable> now = new ArrayList<>(held);
            held.clear();
            Collections.reverse(now);
            now.forEach(Runnable::run);
        }
    }

    /** A model whose re-filters wait for the test, with {@code events} shown and then {@code text} typed. */
    private HeldWork heldModelFiltering(String text, TailEvent... events) throws InterruptedException {
        HeldWork work = new HeldWork();
        model = new LiveEventsModel(source, 100, work);
        arrive(events);
        pulse();
        model.filter().textProperty().set(text);
        settled();
        return work;
    }

    @Test
    void aRefilterRunsOffTheWindowsThreadAndWhatArrivesMeanwhileFollowsItsAnswer() throws Exception {
        HeldWork work = heldModelFiltering("alpha", valid(0, 0, T0, "alpha", Action.CREATED),
                valid(0, 1, T0 + 1, "beta", Action.CREATED));
        assertThat(work.held).as("the re-filter went to the filter thread").hasSize(1);
        assertThat(model.rows()).as("the table shows what it showed until the answer").hasSize(2);
        assertThat(model.filteringProperty().get()).isFalse();
        arrive(valid(0, 2, T0 + 2, "alpha", Action.UPDATED), valid(0, 3, T0 + 3, "beta", Action.UPDATED));
        pulse();
        pulse();
        assertThat(model.rows()).hasSize(2);
        assertThat(model.filteringProperty().get()).as("waiting 400 ms says so").isTrue();

        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).as("the answer, then what arrived meanwhile").extracting(TailEvent::offset)
                .containsExactly(0L, 2L);
        assertThat(model.filteringProperty().get()).isFalse();
        arrive(valid(0, 4, T0 + 4, "alpha", Action.DELETED), valid(0, 5, T0 + 5, "beta", Action.DELETED));
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 2L, 4L);
        assertThat(work.held).as("arrivals are filtered on the window's thread").isEmpty();
    }

    /** An arrival filter whose clock says a millisecond went by each time it is read: slow work, deterministically. */
    private static ArrivalFilter slowFiltering() {
        long[] nanos = {0};
        return new ArrivalFilter(() -> nanos[0] += 1_000_000L, ArrivalFilter.BUDGET_NANOS);
    }

    /** {@code n} events of partition 0, every other one of tenant "payments". */
    private static List<TailEvent> burst(long firstOffset, int n) {
        List<TailEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long offset = firstOffset + i;
            out.add(valid(0, offset, T0 + offset, offset % 2 == 0 ? "payments" : "search", Action.UPDATED));
        }
        return out;
    }

    @Test
    void arrivalsTooManyToFilterWithinThePulsesBudgetAreFilteredOffTheWindowsThread() throws Exception {
        HeldWork work = new HeldWork();
        model = new LiveEventsModel(source, new PartitionBuffers(1_000), work, slowFiltering());
        model.filter().regexProperty().set("\"tenant\":\"pay[m]ents\""); // quick: the clock plays the slowness
        settled();
        work.runNewestFirst(); // the re-filter of the (empty) rings for the new filter
        pulse();
        assertThat(work.held).isEmpty();

        source.queue.offer(TailBatch.events(burst(0, 200)), 0);
        pulse();
        assertThat(work.held).as("200 arrivals past the budget went to the filter thread, not filtered here").hasSize(1);
        assertThat(model.rows()).as("the table waits for the answer").isEmpty();
        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).hasSize(100).allMatch(e -> e.offset() % 2 == 0);

        source.queue.offer(TailBatch.events(burst(200, 4)), 0);
        pulse();
        assertThat(work.held).as("a few arrivals are still filtered here, whatever the clock").isEmpty();
        assertThat(model.rows()).hasSize(102).last().extracting(TailEvent::offset).isEqualTo(202L);
    }

    @Test
    void whilePausedABurstPastTheBudgetIsCountedAsALowerBoundNotFilteredWhole() throws Exception {
        model = new LiveEventsModel(source, new PartitionBuffers(1_000), Runnable::run, slowFiltering());
        model.filter().regexProperty().set("\"tenant\":\"pay[m]ents\""); // quick: the clock plays the slowness
        settled();
        model.pause();
        source.queue.offer(TailBatch.events(burst(0, 4)), 0);
        pulse();
        assertThat(model.newWhilePausedProperty().get()).as("a few arrivals are counted exactly").isEqualTo(2);
        assertThat(model.newWhilePausedAtLeastProperty().get()).isFalse();

        source.queue.offer(TailBatch.events(burst(4, 200)), 0);
        pulse();
        assertThat(model.newWhilePausedAtLeastProperty().get()).as("says the count is a lower bound").isTrue();
        assertThat(model.newWhilePausedProperty().get()).as("those tested within the budget, not all 100 matching")
                .isBetween(3L, 101L);
        model.resume();
        assertThat(model.rows()).as("resuming shows every match").hasSize(102);
        assertThat(model.newWhilePausedProperty().get()).isZero();
        assertThat(model.newWhilePausedAtLeastProperty().get()).isFalse();
    }

    @Test
    void theTableNeverHoldsMoreEventsThanTheRingsWhoseByteBudgetDropsLargeRecords() throws Exception {
        model = new LiveEventsModel(source, new PartitionBuffers(100, 50_000), Runnable::run, new ArrivalFilter());
        String large = "x".repeat(10_000); // about 10 KB an event: the rings hold four
        for (int i = 0; i < 20; i++) {
            arrive(junk(i % 2, i / 2, T0 + i, large));
            pulse();
            assertThat(model.buffers().bytesHeld()).isLessThanOrEqualTo(50_000);
            assertThat(model.rows().size()).as("after event %d", i).isLessThanOrEqualTo(model.buffers().bufferedTotal());
        }
        assertThat(model.buffers().bufferedTotal()).isEqualTo(4);
        assertThat(model.rows()).extracting(TailEvent::timestamp).containsExactly(T0 + 16, T0 + 17, T0 + 18, T0 + 19);
    }

    @Test
    void rowsOfLargeRecordsTheByteBudgetDroppedLeaveTheMergedTableToo() throws Exception {
        model = new LiveEventsModel(source, new PartitionBuffers(100, 60_000), Runnable::run, new ArrivalFilter());
        for (int i = 0; i < 10; i++) { // small, older: they stay in partition 1's ring
            arrive(junk(1, i, T0 + i, "small"));
        }
        pulse();
        String large = "x".repeat(10_000); // newer and large: partition 0's ring keeps the newest five or so
        for (int i = 0; i < 10; i++) {
            arrive(junk(0, i, T0 + 100 + i, large));
            pulse();
            assertThat(model.rows()).as("after large event %d: every row is still in its ring", i).allMatch(
                    e -> model.buffers().events(e.partition()).contains(e));
        }
        assertThat(model.buffers().events(0).size()).as("the budget dropped large ones").isLessThan(10);
        assertThat(model.rows()).filteredOn(e -> e.partition() == 1).hasSize(10);
    }

    @Test
    void onlyTheLatestRefilterIsShownWhateverOrderTheyFinishIn() throws Exception {
        HeldWork work = heldModelFiltering("alpha", valid(0, 0, T0, "alpha", Action.CREATED),
                valid(0, 1, T0 + 1, "beta", Action.CREATED));
        model.filter().textProperty().set("beta");
        settled();
        assertThat(work.held).hasSize(2);
        work.runNewestFirst(); // the older one finishes last
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(1L);

        arrive(valid(1, 0, T0 + 2, "alpha", Action.CREATED));
        pulse();
        model.filter().textProperty().set("alpha");
        settled();
        model.select(1); // another re-filter, asked before the first answered
        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).extracting(e -> e.partition() + "@" + e.offset()).containsExactly("1@0");
    }

    @Test
    void aReseekWhileARefilterRunsAsksAgainInsteadOfShowingWhatItDropped() throws Exception {
        HeldWork work = heldModelFiltering("alpha", valid(0, 0, T0, "alpha", Action.CREATED),
                valid(1, 0, T0 + 1, "alpha", Action.CREATED));
        source.queue.offer(new TailBatch(List.of(0), List.of(valid(0, 7, T0 + 7, "alpha", Action.UPDATED))), 0);
        pulse();
        work.runNewestFirst(); // its copy still holds 0@0, which the re-seek dropped
        pulse();
        assertThat(work.held).as("asked again").hasSize(1);
        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).extracting(e -> e.partition() + "@" + e.offset()).containsExactly("1@0", "0@7");
    }

    @Test
    void clearAndExportDoNotWaitForARefilterOnItsWay(@TempDir Path dir) throws Exception {
        HeldWork work = heldModelFiltering("beta", valid(0, 0, T0, "alpha", Action.CREATED),
                valid(0, 1, T0 + 1, "beta", Action.CREATED));
        java.util.function.Supplier<List<TailEvent>> export = model.exportRows();
        assertThat(model.rows()).as("the export filters on its own thread, not here").hasSize(2);
        assertThat(export.get()).as("the export holds what the filter shows").extracting(TailEvent::offset)
                .containsExactly(1L);
        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(1L);

        model.filter().textProperty().set("a");
        settled();
        model.clear();
        work.runNewestFirst();
        pulse();
        assertThat(model.rows()).as("cleared; the answer that came after shows nothing gone").isEmpty();
        assertThat(model.filteringProperty().get()).isFalse();
    }

    /** Pulses until a changed filter has re-filtered the table (it waits for typing to rest). */
    private void settled() {
        pulse(); // the first pulse after the change starts the wait
        pulse(); // 200 ms later: rested
    }

    @Test
    void aChangedFilterWaitsForTypingToRestThenFiltersOnce() throws Exception {
        arrive(valid(0, 0, T0, "alpha", Action.CREATED), valid(0, 1, T0 + 1, "beta", Action.ACTIVATED));
        pulse();
        model.filter().tenantProperty().set("a");
        model.filter().tenantProperty().set("al"); // keystrokes
        pulse();
        assertThat(model.rows()).as("typing has not rested yet").hasSize(2);
        model.filter().tenantProperty().set("alpha");
        now += LiveEventsModel.FILTER_SETTLE_NANOS; // a pulse after the last key starts the wait again
        model.pulse(now);
        assertThat(model.rows()).hasSize(2);
        arrive(valid(0, 2, T0 + 2, "alpha", Action.DELETED));
        now += LiveEventsModel.FILTER_SETTLE_NANOS;
        model.pulse(now);
        assertThat(model.rows()).as("rested: filtered, with what arrived meanwhile").extracting(TailEvent::offset)
                .containsExactly(0L, 2L);
    }

    @Test
    void onePartitionShowsItsEventsInOffsetOrderAndAllMergesByTimestamp() throws Exception {
        arrive(valid(1, 0, T0 + 30, "a", Action.CREATED), valid(1, 1, T0 + 40, "a", Action.ACTIVATED),
                valid(2, 0, T0 + 10, "b", Action.CREATED), valid(2, 1, T0 + 35, "b", Action.UPDATED));
        pulse();
        assertThat(model.rows()).extracting(e -> e.partition() + "@" + e.offset()).containsExactly("2@0", "1@0", "2@1", "1@1");
        arrive(valid(3, 0, T0 + 20, "c", Action.DELETED), valid(1, 2, T0 + 50, "a", Action.DEACTIVATED));
        pulse();
        assertThat(model.rows()).extracting(e -> e.partition() + "@" + e.offset())
                .containsExactly("2@0", "3@0", "1@0", "2@1", "1@1", "1@2");

        model.select(1);
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 1L, 2L);
        arrive(valid(1, 3, T0 + 60, "a", Action.CREATED), valid(2, 2, T0 + 61, "b", Action.CREATED));
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(model.rows()).allMatch(e -> e.partition() == 1);
    }

    @Test
    void aTrickleReachesTheTableWithin200MsAFloodChangesItAtMostEvery400() throws Exception {
        arrive(valid(0, 0, T0, "a", Action.CREATED));
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L);
        arrive(valid(0, 1, T0 + 1, "a", Action.ACTIVATED));
        pulse();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 1L);

        List<TailEvent> flood = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // three times what the table shows
            flood.add(valid(1, i, T0 + 10 + i, "b", Action.UPDATED));
        }
        source.queue.offer(TailBatch.events(flood), 0);
        pulse();
        assertThat(model.rows()).as("200 ms after the last change, in a flood").hasSize(2);
        pulse();
        assertThat(model.rows()).as("400 ms after it").hasSize(100).allMatch(e -> e.partition() == 1 && e.offset() >= 200);

        arrive(valid(0, 2, T0 + 1_000, "a", Action.DEACTIVATED));
        pulse();
        assertThat(model.rows()).as("a trickle again").last().extracting(TailEvent::offset).isEqualTo(2L);
    }

    @Test
    void noBufferOrTableEverExceedsItsCapWhateverArrives() throws Exception {
        Random random = new Random(7);
        long[] next = new long[6];
        for (int round = 0; round < 200; round++) {
            List<TailEvent> batch = new ArrayList<>();
            int n = random.nextInt(400);
            for (int i = 0; i < n; i++) {
                int p = random.nextInt(6);
                batch.add(i % 13 == 0 ? junk(p, next[p]++, T0 + random.nextInt(100_000), "junk")
                        : valid(p, next[p]++, T0 + random.nextInt(100_000), "t", Action.CREATED));
            }
            source.queue.offer(TailBatch.events(batch), 0);
            if (round == 50) {
                model.select(3);
            }
            if (round == 120) {
                model.select(null);
            }
            pulse();
            for (int p = 0; p < 6; p++) {
                assertThat(model.buffers().buffered(p)).isLessThanOrEqualTo(100);
            }
            assertThat(model.rows().size()).isLessThanOrEqualTo(100);
        }
        for (int p = 0; p < 6; p++) {
            assertThat(model.buffers().events(p)).extracting(TailEvent::offset)
                    .as("partition %d keeps the newest", p).endsWith(next[p] - 1).hasSize(100);
        }
        assertThat(model.rows()).isSortedAccordingTo(com.trafficmanager.console.stream.EventOrder.BY_TIMESTAMP);
    }

    @Test
    void theTableTakesWhatArrivedAtMostFiveTimesASecondButTheBuffersAtOnce() throws Exception {
        arrive(valid(0, 0, T0, "a", Action.CREATED));
        pulse();
        arrive(valid(0, 1, T0 + 1, "a", Action.CREATED));
        now += 16_000_000L;
        model.pulse(now);
        assertThat(model.buffers().buffered(0)).isEqualTo(2);
        assertThat(model.rows()).hasSize(1);
        pulse();
        assertThat(model.rows()).hasSize(2);
    }

    @Test
    void pauseHoldsTheTableStillAndCountsWhatArrivesResumeCatchesUp() throws Exception {
        arrive(valid(0, 0, T0, "a", Action.CREATED));
        pulse();
        model.pause();
        arrive(valid(0, 1, T0 + 1, "a", Action.CREATED), valid(4, 0, T0 + 2, "a", Action.CREATED));
        pulse();
        arrive(valid(0, 2, T0 + 3, "a", Action.CREATED));
        pulse();
        assertThat(model.rows()).hasSize(1);
        assertThat(model.newWhilePausedProperty().get()).isEqualTo(3);
        model.resume();
        assertThat(model.rows()).hasSize(4);
        assertThat(model.newWhilePausedProperty().get()).isZero();

        model.clear();
        assertThat(model.rows()).isEmpty();
        assertThat(model.buffers().bufferedTotal()).isZero();
    }

    @Test
    void aReseekEmptiesThatPartitionsBufferBeforeTheNewEvents() throws Exception {
        arrive(valid(2, 10, T0, "a", Action.CREATED), valid(2, 11, T0 + 1, "a", Action.CREATED),
                valid(5, 3, T0 + 2, "a", Action.CREATED));
        pulse();
        assertThat(model.applyStartPosition(2, StartPosition.Kind.OFFSET, "4")).isTrue();
        assertThat(source.seeks).containsExactly("p2 offset 4");
        source.queue.offer(new TailBatch(List.of(2), List.of(valid(2, 4, T0 + 5, "a", Action.CREATED))), 0);
        pulse();
        assertThat(model.rows()).extracting(e -> e.partition() + "@" + e.offset()).containsExactly("5@3", "2@4");

        assertThat(model.applyStartPosition(null, StartPosition.Kind.OFFSET, "-3")).isFalse();
        assertThat(model.positionErrorProperty().get()).isEqualTo("offset: must be 0 or more, got -3");
        assertThat(model.applyStartPosition(null, StartPosition.Kind.TIMESTAMP, "yesterday")).isFalse();
        assertThat(model.positionErrorProperty().get()).startsWith("time: must be like");
        assertThat(model.applyStartPosition(null, StartPosition.Kind.TIMESTAMP, "2025-05-01 08:00:00")).isTrue();
        assertThat(source.seeks).last().isEqualTo("all time 2025-05-01T08:00:00Z");
        assertThat(model.positionErrorProperty().get()).isEmpty();
    }

    @Test
    void filtersApplyToBufferedAndArrivingEventsAndABadRegexFiltersNothing() throws Exception {
        arrive(valid(0, 0, T0, "alpha", Action.CREATED), valid(0, 1, T0 + 1, "beta", Action.ACTIVATED),
                junk(0, 2, T0 + 2, "garbage alpha"));
        pulse();
        model.filter().tenantProperty().set("alpha");
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L);
        arrive(valid(0, 3, T0 + 3, "alpha", Action.DELETED), valid(0, 4, T0 + 4, "beta", Action.DELETED));
        pulse();
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 3L);

        model.filter().tenantProperty().set("");
        model.filter().textProperty().set("ALPHA");
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(0L, 2L, 3L);
        model.filter().textProperty().set("");
        model.filter().actionProperty().set("deleted");
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(3L, 4L);
        model.filter().actionProperty().set("");
        model.filter().malformedOnlyProperty().set(true);
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(2L);
        model.filter().malformedOnlyProperty().set(false);

        model.filter().regexProperty().set("\"tenant\":\"b[e]ta\"");
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(1L, 4L);
        model.filter().regexProperty().set("tenant\":\"(beta");
        assertThat(model.filter().errorProperty().get()).startsWith("regular expression: Unclosed group");
        settled();
        assertThat(model.rows()).as("a bad regex filters nothing").hasSize(5);
        model.filter().regexProperty().set("");
        assertThat(model.filter().errorProperty().get()).isEmpty();

        String id = model.rows().get(1).event().eventId().toString();
        model.filter().eventIdProperty().set(id.substring(0, 30).toUpperCase()); // a prefix, as pasted (ids made in one millisecond share their first 13 characters)
        settled();
        assertThat(model.rows()).extracting(TailEvent::offset).containsExactly(1L);
    }

    @Test
    void theExportHoldsExactlyTheRowsShown(@TempDir Path dir) throws Exception {
        arrive(valid(0, 0, T0, "alpha", Action.CREATED), junk(0, 1, T0 + 1, "not json"),
                valid(1, 0, T0 + 2, "alpha", Action.UPDATED), valid(1, 1, T0 + 3, "beta", Action.UPDATED));
        pulse();
        model.filter().textProperty().set("alpha");
        List<TailEvent> shown = model.exportRows().get();
        assertThat(shown).hasSize(2);
        Path file = dir.resolve("out.jsonl");
        long[] last = new long[2];
        long n = JsonLinesExporter.export(shown, file, (done, total) -> { last[0] = done; last[1] = total; }, () -> false);
        assertThat(n).isEqualTo(2);
        assertThat(last).containsExactly(2, 2);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            TailEvent e = shown.get(i);
            assertThat(line.get("partition").asInt()).isEqualTo(e.partition());
            assertThat(line.get("offset").asLong()).isEqualTo(e.offset());
            assertThat(line.get("key").asText()).isEqualTo(e.key());
            assertThat(line.get("value")).isEqualTo(json.readTree(e.rawValue()));
            assertThat(line.has("malformed")).isFalse();
        }

        model.filter().textProperty().set("");
        model.filter().malformedOnlyProperty().set(true);
        Path bad = dir.resolve("bad.jsonl");
        JsonLinesExporter.export(model.exportRows().get(), bad, (d, t) -> { }, () -> false);
        JsonNode line = json.readTree(Files.readAllLines(bad).get(0));
        assertThat(line.get("value_text").asText()).isEqualTo("not json");
        assertThat(line.get("malformed").asText()).startsWith("not JSON");
    }

    @Test
    void theOverviewShowsEndOffsetsRatesBufferedMalformedAndTheGroupsLag() throws Exception {
        source.ends.put(0, 100L);
        source.ends.put(1, 50L);
        source.endsReadAt = now;
        source.group = new GroupOffsetsReader.Snapshot(Map.of(0, 90L), Map.of(), null);
        arrive(valid(0, 99, T0, "a", Action.CREATED), junk(1, 49, T0, "x"));
        pulse();
        PartitionRow p0 = model.overview().stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
        PartitionRow p1 = model.overview().stream().filter(r -> r.partition() == 1).findFirst().orElseThrow();
        assertThat(model.overview()).hasSize(7);
        assertThat(model.overview().get(0).isAll()).isTrue();
        assertThat(p0.endOffsetProperty().get()).isEqualTo(100);
        assertThat(p0.committedProperty().get()).isEqualTo(90L);
        assertThat(p0.lagProperty().get()).isEqualTo(10L);
        assertThat(p1.committedProperty().get()).as("no commit there: shown as -").isNull();
        assertThat(p1.lagProperty().get()).isNull();
        assertThat(model.overview().get(0).lagProperty().get()).as("All: summed over the partitions the group committed on")
                .isEqualTo(10L);
        assertThat(p1.malformedProperty().get()).isEqualTo(1);
        assertThat(model.malformedTotalProperty().get()).isEqualTo(1);

        source.endsReadAt += 2_000_000_000L; // read two seconds after the first: 400 more on partition 0
        now = source.endsReadAt;
        source.ends.put(0, 500L);
        now += 400_000_000L;
        model.pulse(now); // looked at 0.4 s after the read: the rate is over the reads' times
        assertThat(p0.rateProperty().get()).isEqualTo(200.0);
        now += 600_000_000L;
        model.pulse(now); // looked at again, nothing read since: the same rate
        assertThat(p0.rateProperty().get()).isEqualTo(200.0);
        assertThat(model.overview().get(0).bufferedProperty().get()).isEqualTo(2);

        source.status = TailStatus.of(TailStatus.State.UNREACHABLE, "Kafka unreachable: timeout; retrying in 500 ms");
        now += 1_000_000_000L;
        model.pulse(now);
        assertThat(model.statusProperty().get()).startsWith("Kafka unreachable");
        assertThat(model.statusProblemProperty().get()).isTrue();

        now += 5_000_000_000L; // no read for 6 s: no rate, rather than 0 and then the outage's growth at once
        model.pulse(now);
        assertThat(p0.rateProperty().get()).isNaN();
        now += 500_000_000L;
        source.ends.put(0, 6_500L); // Kafka back: 6,000 more were written meanwhile
        source.endsReadAt = now;
        model.pulse(now);
        assertThat(p0.rateProperty().get()).as("one read: no rate yet, no spike").isNaN();
        now += 1_000_000_000L;
        source.ends.put(0, 6_700L);
        source.endsReadAt = now;
        model.pulse(now);
        assertThat(p0.rateProperty().get()).isEqualTo(200.0);

        // the lag is the group's read: the end read with the committed offsets, not the tail's newer one
        source.group = new GroupOffsetsReader.Snapshot(Map.of(0, 90L), Map.of(0, 92L), null);
        now += 1_000_000_000L;
        model.pulse(now);
        assertThat(p0.lagProperty().get()).isEqualTo(2L);
        source.group = new GroupOffsetsReader.Snapshot(Map.of(0, 90L), Map.of(), "timeout");
        now += 1_000_000_000L;
        model.pulse(now);
        assertThat(p0.lagProperty().get()).as("unknown while the group's offsets cannot be read").isNull();
    }

    @Test
    void detailsShowThePrettyValueAndFlagAKeyInTheWrongPartition() throws Exception {
        TailEvent e = valid(0, 0, T0, "a", Action.CREATED);
        int right = com.trafficmanager.console.event.EventKeys.partitionFor(e.key(), 6);
        TailEvent misplaced = new TailEvent((right + 1) % 6, 0, T0, e.key(), e.rawValue(), null);
        model.showDetails(misplaced);
        assertThat(model.detailsProperty().get().keyMismatch()).isTrue();
        assertThat(model.detailsProperty().get().value()).contains("\n  \"tenant\" : \"a\"");
        model.showDetails(new TailEvent(right, 0, T0, e.key(), e.rawValue(), null));
        assertThat(model.detailsProperty().get().keyMismatch()).isFalse();
    }
}
