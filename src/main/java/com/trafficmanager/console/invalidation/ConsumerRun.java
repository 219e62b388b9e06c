package com.trafficmanager.console.invalidation;

import com.trafficmanager.console.event.RouteChangedEvent;
import com.trafficmanager.console.kafka.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of the consumer: one {@link KafkaConsumer}, used only by the thread that calls {@link #run}.
 * Poll, run the whole batch through Redis in one pipelined round, then commit what was processed.
 *
 * <p>At-least-once, never past an unprocessed record: offsets are committed only for records whose
 * Redis step answered. When Redis is unavailable, every partition of the failed batch is sought back
 * to its first record of the batch, all partitions are paused (the consumer keeps polling, so it stays
 * in the group) and Redis is retried with doubling backoff; when it answers, the partitions resume and
 * the batch is fetched again. While paused, the consumer re-commits its unchanged positions now and
 * then, so the lag evaluation sees a live but stuck consumer (STALL) rather than a gone one (STOP).
 *
 * <p>Hazard: the rebalance listener runs inside {@code poll} on this thread; it commits what the
 * revoked partitions processed, except after an injected crash, which must leave them uncommitted.
 */
final class ConsumerRun implements ConsumerRebalanceListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRun.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long the consumer's thread waits for Kafka to say whether the dead-letter topic exists. */
    private static final Duration DLQ_LOOKUP_TIMEOUT = Duration.ofSeconds(3);
    /** How soon a commit that failed is sent again when no new records come to carry it. */
    private static final long COMMIT_RETRY_NANOS = 1_000_000_000L;

    private final InvalidationConsumer owner;
    private final InvalidationConfig config;
    private final InvalidationCounters counters;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchInvalidator invalidator;
    private final DlqWriter dlq;
    /** Next offset to commit per partition: processed but not yet committed. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();
    private boolean redisDown;
    /** A batch failed in Redis and none has succeeded since: the backoff keeps growing until one does. */
    private boolean failingSinceSuccess;
    private long retryDelayMs;
    private long nextRetryNanos;
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
    private boolean partitionsPaused;
    private boolean crashed;
    /** The events of rounds Redis failed half-way, until a round that answered has them. */
    private final RetriedEvents retried = new RetriedEvents();
    /** Tells this run's rounds apart in Redis (see {@link RetriedEvents}): unique to the run, then a round number. */
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private long rounds;

    ConsumerRun(InvalidationConsumer owner, BatchInvalidator invalidator) {
        this.owner = owner;
        this.config = owner.config();
        this.counters = owner.counters();
        this.invalidator = invalidator;
        Map<String, Object> props = new HashMap<>(KafkaClients.consumerProperties(config.bootstrapServers(),
                config.groupId(), config.kafkaProperties()));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "traffic-console-invalidator");
        // a topic that is not there is the operator's to create (with its partitions), never the broker's by default
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props);
        // with topic auto-creation off, a topic that is not there has no partitions here (the writer makes its
        // producer only when it first sends)
        this.dlq = config.dlqTopic() == null ? null
                : new DlqWriter(config, t -> !consumer.partitionsFor(t, DLQ_LOOKUP_TIMEOUT).isEmpty());
    }

    void wakeup() {
        consumer.wakeup();
    }

    /** Runs until a stop is requested (returns false) or an injected crash (returns true). */
    boolean run() {
        consumer.subscribe(List.of(config.topic()), this);
        try {
            while (!owner.stopRequested()) {
                if (redisDown && System.nanoTime() >= nextRetryNanos) {
                    retryRedis();
                }
                applyPause();
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    process(records);
                    if (crashed) {
                        return true;
                    }
                } else if (!pending.isEmpty() && !partitionsPaused && (!asyncCommitFailed
                        || System.nanoTime() - lastCommitNanos >= COMMIT_RETRY_NANOS)) {
                    // what was processed while the last commit was in flight, or a commit that failed: no new
                    // records may come to carry it
                    commitPendingAsync();
                }
                if (partitionsPaused && System.nanoTime() - lastCommitNanos >= config.keepAliveCommit().toNanos()) {
                    keepAliveCommit();
                }
                owner.showState(redisDown ? ConsumerState.WAITING_FOR_REDIS
                        : owner.pauseRequested() ? ConsumerState.PAUSED
                        : consumer.assignment().isEmpty() ? ConsumerState.STARTING : ConsumerState.RUNNING, null);
            }
        } catch (WakeupException e) {
            if (!owner.stopRequested()) {
                throw e;
            }
        }
        try {
            commitPending();
        } catch (WakeupException e) {
            commitPending(); // the stop's wakeup arrived after the loop ended
        }
        return false;
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        long t0 = System.nanoTime();
        List<DecodedRecord> decoded = new ArrayList<>(records.count());
        List<RouteChangedEvent> events = new ArrayList<>(records.count());
        BatchInvalidator.Result result;
        long decodedAt;
        String token = runId + "." + Long.toString(++rounds, 36) + ":"; // a new one every round, a retry's too
        try (BatchInvalidator.Round round = invalidator.begin(token)) {
            for (ConsumerRecord<String, byte[]> r : records) {
                DecodedRecord d = DecodedRecord.of(r);
                decoded.add(d);
                if (!d.malformed()) {
                    events.add(d.event());
                    round.add(d.event()); // full chunks go to Redis while the rest is decoded
                }
            }
            decodedAt = System.nanoTime();
            result = round.finish();
        } catch (RedisUnavailableException e) {
            retried.failed(decoded, token); // some of them may have run in Redis before it failed
            onRedisDown(records, e);
            return;
        }
        long redisDone = System.nanoTime();
        failingSinceSuccess = false;
        Instant now = Instant.now();
        List<ProcessedEvent> out = new ArrayList<>(decoded.size());
        int next = 0;
        boolean anyMalformed = false;
        for (DecodedRecord d : decoded) {
            ConsumerRecord<String, byte[]> r = d.record();
            Outcome outcome;
            String detail = d.note();
            if (d.malformed()) {
                outcome = Outcome.MALFORMED;
                detail = d.malformedReason();
                anyMalformed = true;
                LOG.warn("malformed record skipped: topic {} partition {} offset {}: {}", r.topic(), r.partition(),
                        r.offset(), detail);
                if (dlq != null) {
                    dlq.send(r, detail);
                }
            } else {
                outcome = result.outcomes().get(next);
                if (!retried.isEmpty()) {
                    outcome = retried.settle(d.event().eventId(), outcome, result.remembered().get(next));
                }
                if (outcome == null) {
                    outcome = Outcome.ERROR;
                    detail = result.errors().get(next);
                    LOG.error("Redis refused the invalidation of topic {} partition {} offset {}: {}", r.topic(),
                            r.partition(), r.offset(), detail);
                }
                next++;
            }
            counters.outcome(r.partition(), outcome);
            RouteChangedEvent e = d.event();
            out.add(new ProcessedEvent(r.partition(), r.offset(), r.key(), e == null ? null : e.eventId().toString(),
                    d.action(), outcome, detail, now));
            pending.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
        if (dlq != null && anyMalformed) {
            for (int failed = dlq.flush(); failed > 0; failed--) {
                counters.error();
            }
        }
        owner.recent().addAll(out);
        owner.notifyListeners(out, redisDone);
        uncommittedEvents += events.size();
        if (owner.takeCrashArm()) {
            crashed = true;
            owner.crashed(uncommittedEvents);
            LOG.warn("fault injection: crashing after processing {} records, before committing them", records.count());
            return;
        }
        long tCommit = System.nanoTime();
        commitPendingAsync();
        if (LOG.isDebugEnabled()) {
            LOG.debug("batch of {}: decode and send {} us, rest of redis {} us, bookkeeping {} us, commit {} us",
                    records.count(),
                    (decodedAt - t0) / 1000, (redisDone - decodedAt) / 1000, (tCommit - redisDone) / 1000,
                    (System.nanoTime() - tCommit) / 1000);
        }
    }

    private void onRedisDown(ConsumerRecords<String, byte[]> records, RedisUnavailableException e) {
        counters.error();
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).get(0).offset());
        }
        if (!failingSinceSuccess) {
            LOG.warn("{}; pausing the partitions and retrying (nothing is committed past offset of the failed batch)",
                    e.getMessage());
            retryDelayMs = config.retryMin().toMillis();
            failingSinceSuccess = true;
        } else if (!redisDown) {
            // Redis answered the ping but refused the batch again (out of memory, read-only): back off further
            retryDelayMs = Math.min(retryDelayMs * 2, config.retryMax().toMillis());
        }
        redisDown = true;
        nextRetryNanos = System.nanoTime() + retryDelayMs * 1_000_000L;
        owner.showState(ConsumerState.WAITING_FOR_REDIS, e.getMessage());
        applyPause();
    }

    private void retryRedis() {
        counters.retry();
        try {
            invalidator.ping();
            redisDown = false;
            LOG.info("Redis answers again; resuming the partitions");
        } catch (RedisUnavailableException e) {
            counters.error();
            retryDelayMs = Math.min(retryDelayMs * 2, config.retryMax().toMillis());
            nextRetryNanos = System.nanoTime() + retryDelayMs * 1_000_000L;
            owner.showState(ConsumerState.WAITING_FOR_REDIS, e.getMessage() + "; next try in " + retryDelayMs + " ms");
        }
    }

    private void applyPause() {
        boolean pause = redisDown || owner.pauseRequested();
        if (pause) {
            consumer.pause(consumer.assignment());
        } else if (partitionsPaused) {
            consumer.resume(consumer.paused());
        }
        partitionsPaused = pause;
    }

    /** Commits the current positions (all processed) again, with a fresh time, while nothing moves. */
    private void keepAliveCommit() {
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

    private void commitPending() {
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
    private void commitPendingAsync() {
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

    private void commit(Collection<TopicPartition> partitions) {
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

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.info("partitions revoked: {}", partitions);
        }
        commit(List.copyOf(partitions));
        pending.keySet().removeAll(partitions);
        owner.assigned(consumer.assignment());
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        counters.rebalance();
        LOG.info("partitions assigned: {}", partitions);
        // on the new assignment, not on revoke: an eager rebalance revokes every partition, also those it gives back
        retried.keepOnly(consumer.assignment());
        owner.assigned(consumer.assignment());
        if (partitionsPaused) {
            consumer.pause(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        LOG.warn("partitions lost (no commit possible): {}", partitions);
        pending.keySet().removeAll(partitions);
        owner.assigned(consumer.assignment());
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warn("closing the consumer: {}", e.toString());
        }
        if (dlq != null) {
            dlq.close();
        }
    }
}
