package com.trafficmanager.console.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.trafficmanager.console.stream.TailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Requests and answers of the Live tab's re-filter: the newest request's answer is the one taken,
 * whatever order the work finishes in; overtaken work stops; failed work still answers.
 */
class RefilterTest {
    private final List<Runnable> held = new ArrayList<>();
    private final Refilter refilter = new Refilter(held::add);

    private static TailEvent event(long offset) {
        return new TailEvent(0, offset, offset, "k", new byte[] {'{', '}'}, null);
    }

    private static Function<Predicate<TailEvent>, List<TailEvent>> over(int events) {
        return filter -> {
            List<TailEvent> out = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                TailEvent e = event(i);
                if (filter.test(e)) {
                    out.add(e);
                }
            }
            return out;
        };
    }

    private Runnable takeHeld() {
        return held.remove(0);
    }

    @Test
    void anOlderAnswerThatFinishesLastNeverReplacesTheNewerOne() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        refilter.ask(e -> true, filter -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return over(3).apply(filter); // too few events to notice it was overtaken
        }, 0);
        Thread older = new Thread(takeHeld(), "older-refilter");
        older.start();
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue(); // the older work has started

        refilter.ask(e -> e.offset() == 1, over(3), 0);
        takeHeld().run();
        release.countDown();
        older.join(30_000);
        assertThat(older.isAlive()).isFalse();

        Refilter.Answer answer = refilter.take();
        assertThat(answer).isNotNull();
        assertThat(answer.rows()).extracting(TailEvent::offset).containsExactly(1L);
        assertThat(refilter.waiting()).isFalse();
        assertThat(refilter.take()).as("taken once").isNull();
    }

    @Test
    void workOvertakenWhileRunningStopsWithinAThousandEventsAndDoesNotAnswer() {
        AtomicInteger tested = new AtomicInteger();
        refilter.ask(e -> {
            if (tested.incrementAndGet() == 2_000) {
                refilter.ask(x -> true, over(1), 0); // the operator typed on meanwhile
            }
            return true;
        }, over(100_000), 0);
        takeHeld().run();
        assertThat(tested.get()).as("stopped at the next check").isLessThanOrEqualTo(2 * Refilter.OVERTAKEN_CHECK_EVERY);
        assertThat(refilter.take()).as("nobody waits for the overtaken answer").isNull();
        assertThat(refilter.waiting()).isTrue();
        takeHeld().run();
        assertThat(refilter.take().rows()).hasSize(1);
    }

    @Test
    void failedWorkAnswersWithWhyAndAnErrorGoesOnUp() {
        refilter.ask(e -> true, filter -> {
            throw new IllegalStateException("broken buffer");
        }, 0);
        takeHeld().run();
        Refilter.Answer failed = refilter.take();
        assertThat(failed.rows()).isNull();
        assertThat(failed.failure()).contains("broken buffer");

        refilter.ask(e -> true, filter -> {
            throw new StackOverflowError();
        }, 0);
        assertThatThrownBy(takeHeld()::run).isInstanceOf(StackOverflowError.class);
        assertThat(refilter.take().failure()).contains("StackOverflowError");
        assertThat(refilter.waiting()).as("the table does not wait for good").isFalse();
    }

    @Test
    void cancelledWorkIsNotTakenAndSaysHowLongTheTableHasWaited() {
        refilter.ask(e -> true, over(2), 1_000);
        assertThat(refilter.waitingFor(500, 1_400)).isFalse();
        assertThat(refilter.waitingFor(500, 1_500)).isTrue();
        refilter.cancel();
        assertThat(refilter.waitingFor(500, 1_500)).isFalse();
        takeHeld().run();
        assertThat(refilter.take()).isNull();
    }
}
