package com.trafficmanager.console.invalidation;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offset commits of one {@link ConsumerRun}: the next offset to commit per partition (processed, not
 * committed yet), the offset each partition's latest commit sent, the asynchronous commit in flight, the
 * events no commit has carried yet, and when the group last committed. Used on the consumer's thread only,
 * with the consumer that only that thread touches; the asynchronous commit's callback runs there too,
 * inside a later poll or commit. Logs under {@link ConsumerRun}'s name, as before the split.
 *
 * <p>Hazards: commits are cumulative, so a later commit of a partition covers an earlier one that failed;
 * a failed asynchronous commit's offsets go back to pending only if no later commit of the partition was
 * sent and the partition is still ours. One asynchronous commit is in flight at a time (see
 * {@link #commitPendingAsync}); the synchronous ones wait for it first. After an injected crash
 * ({@link #crash}) nothing is committed any more, the rebalance listener's commit included.
 */
final class GroupCommits {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRun.class);
    /** How soon a commit that failed is sent again when no new records come to carry it. */
    private static final long COMMIT_RETRY_NANOS = 1_000_000_000L;

    private final KafkaConsumer<String, byte[]> consumer;
    private final InvalidationCounters counters;
    /** While nothing moves (paused), the positions are committed again this long after the last commit. */
    private final Duration keepAliveInterval;
    /** Next offset to commit per partition: processed but not yet committed. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();
    /** The offset of each partition's latest commit sent: a failed commit is sent again only if no later one was. */
    private final Map<TopicPartition, Long> lastSent = new HashMap<>();
    /** An asynchronous commit is sent and not answered yet: the next waits for it (see commitPendingAsync). */
    private boolean asyncCommitInFlight;
    /** The latest asynchronous commit failed: the next is sent no sooner than COMMIT_RETRY_NANOS after it. */
    private boolean asyncCommitFailed;
    /**
     * Events processed whose offsets no commit has carried yet (held back while one was in flight, and the
     * latest batch's): what an injected crash leaves to be delivered again.
     */
    private int uncommittedEvents;
    private boolean crashed;

    GroupCommits(KafkaConsumer<String, byte[]> consumer, InvalidationCounters counters, Duration keepAlive) {
        this.consumer = consumer;
        this.counters = counters;
        this.keepAliveInterval = keepAlive;
    }

    /** The record was processed: its partition's next commit carries the offset after it. */
    void processed(ConsumerRecord<?, ?> r) {
        pending.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
    }

    /** Counts events processed whose offsets no commit has carried yet. */
    void addUncommitted(int events) {
        uncommittedEvents += events;
    }

    int uncommittedEvents() {
        return uncommittedEvents;
    }

    /** An injected crash: from now on nothing is committed, so what was processed is delivered again. */
    void crash() {
        crashed = true;
    }

    boolean crashed() {
        return crashed;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The latest asynchronous commit did not fail, or the last commit was sent COMMIT_RETRY_NANOS ago or more. */
    boolean retryDue() {
        return !asyncCommitFailed || System.nanoTime() - lastCommitNanos >= COMMIT_RETRY_NANOS;
    }

    /** The last commit is the keep-alive interval old or more. */
    boolean keepAliveDue() {
        return System.nanoTime() - lastCommitNanos >= keepAliveInterval.toNanos();
    }

    /** The partitions are no longer ours (revoked after their commit, or lost): their offsets are dropped. */
    void forget(Collection<TopicPartition> partitions) {
        pending.keySet().removeAll(partitions);
    }

    /** Commits the current positions (all processed) again, with a fresh time, while nothing moves. */
    void keepAlive() {
        for (TopicPartition tp : consumer.assignment()) {
            if (!pending.containsKey(tp)) {
                try {
                    pending.put(tp, consumer.position(tp, Duration.ofMillis(200)));
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    LOG.debug("position of {} not known yet", tp);
                }
            }
        }
        if (pending.isEmpty()) {
            lastCommitNanos = System.nanoTime();
        }
        commitPending();
    }

    void commitPending() {
        commit(pending.keySet());
    }

    /**
     * After a batch: commit without waiting, so fetching and processing the next batch overlaps the
     * commit's round trip. Commits are cumulative and complete in order, so a failed one is covered by
     * the next commit of the same partition; when none was sent after it (the partition got no more
     * records), its offsets go back to {@code pending} and are sent again within a second, so a quiet
     * partition's committed offset does not stay behind (lag that never clears, a STOP status, duplicates
     * after a restart). The synchronous commits on revoke and stop wait for the asynchronous one in flight.
     *
     * <p>One at a time: the group coordinator answers one commit of a connection at a time (a few ms each,
     * more on a busy broker), so batches of one event at a few hundred a second sent commits faster than it
     * answered; they queued in the client, committed offsets fell ever further behind, and a stop or a
     * revoke waited the whole queue out (the client polls for it every 100 ms: a minute for 600). What is
     * processed while a commit is in flight goes in the next one, commits being cumulative.
     */
    void commitPendingAsync() {
        if (crashed || pending.isEmpty() || asyncCommitInFlight) {
            return;
        }
        String metadata = CommitMetadata.at(System.currentTimeMillis());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        pending.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next, metadata)));
        pending.clear();
        List<Integer> partitions = offsets.keySet().stream().map(TopicPartition::partition).toList();
        offsets.forEach((tp, om) -> lastSent.put(tp, om.offset()));
        uncommittedEvents = 0;
        asyncCommitInFlight = true;
        consumer.commitAsync(offsets, (committed, error) -> {
            // runs on this thread, in a later poll or commit
            asyncCommitInFlight = false;
            asyncCommitFailed = error != null;
            if (error == null) {
                counters.commit(partitions);
                return;
            }
            counters.error();
            int again = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                TopicPartition tp = e.getKey();
                long offset = e.getValue().offset();
                // only if no later commit of the partition was sent (that one covers it, or fails and comes back
                // itself) and the partition is still ours; never lower than what is pending already
                if (lastSent.getOrDefault(tp, -1L) == offset && consumer.assignment().contains(tp)) {
                    pending.merge(tp, offset, Math::max);
                    again++;
                }
            }
            LOG.warn("asynchronous commit failed ({}); {} partitions to commit again", error.toString(), again);
        });
        lastCommitNanos = System.nanoTime();
    }

    void commit(Collection<TopicPartition> partitions) {
        if (crashed) {
            return;
        }
        awaitAsyncCommits();
        String metadata = CommitMetadata.at(System.currentTimeMillis());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Long next = pending.get(tp);
            if (next != null) {
                offsets.put(tp, new OffsetAndMetadata(next, metadata));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        offsets.forEach((tp, om) -> lastSent.put(tp, om.offset()));
        uncommittedEvents = 0;
        try {
            consumer.commitSync(offsets);
            offsets.keySet().forEach(pending::remove);
            counters.commit(offsets.keySet().stream().map(TopicPartition::partition).toList());
            lastCommitNanos = System.nanoTime();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions went to another member, which starts from the last commit: its redelivery is deduped
            LOG.warn("commit refused by the group ({}); the new owner re-reads these records", e.getMessage());
            counters.error();
            offsets.keySet().forEach(pending::remove);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("commit failed ({}); kept and committed again", e.toString());
            counters.error();
        }
    }

    /**
     * Waits for the asynchronous commits still in flight (an empty synchronous commit does): a failed one's
     * callback puts its offsets back in {@code pending} now, while its partitions are still ours, instead of
     * after a revoke, when they would be dropped and the new owner would read the batch again.
     */
    private void awaitAsyncCommits() {
        try {
            consumer.commitSync(Map.of());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.debug("waiting for the asynchronous commits: {}", e.toString());
        }
    }
}
