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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 * The offsets to commit and the commits themselves are kept in {@link GroupCommits}.
 */
final class ConsumerRun implements ConsumerRebalanceListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRun.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long the consumer's thread waits for Kafka to say whether the dead-letter topic exists. */
    private static final Duration DLQ_LOOKUP_TIMEOUT = Duration.ofSeconds(3);

    private final InvalidationConsumer owner;
    private final InvalidationConfig config;
    private final InvalidationCounters counters;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchInvalidator invalidator;
    private final DlqWriter dlq;
    private final GroupCommits commits;
    private boolean redisDown;
    /** A batch failed in Redis and none has succeeded since: the backoff keeps growing until one does. */
    private boolean failingSinceSuccess;
    private long retryDelayMs;
    private long nextRetryNanos;
    private boolean partitionsPaused;
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
        this.commits = new GroupCommits(consumer, counters, config.keepAliveCommit());
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
                    if (commits.crashed()) {
                        return true;
                    }
                } else if (commits.hasPending() && !partitionsPaused && commits.retryDue()) {
                    // what was processed while the last commit was in flight, or a commit that failed: no new
                    // records may come to carry it
                    commits.commitPendingAsync();
                }
                if (partitionsPaused && commits.keepAliveDue()) {
                    commits.keepAlive();
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
            commits.commitPending();
        } catch (WakeupException e) {
            commits.commitPending(); // the stop's wakeup arrived after the loop ended
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
            commits.processed(r);
        }
        if (dlq != null && anyMalformed) {
            for (int failed = dlq.flush(); failed > 0; failed--) {
                counters.error();
            }
        }
        owner.recent().addAll(out);
        owner.notifyListeners(out, redisDone);
        commits.addUncommitted(events.size());
        if (owner.takeCrashArm()) {
            commits.crash();
            owner.crashed(commits.uncommittedEvents());
            LOG.warn("fault injection: crashing after processing {} records, before committing them", records.count());
            return;
        }
        long tCommit = System.nanoTime();
        commits.commitPendingAsync();
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

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            LOG.info("partitions revoked: {}", partitions);
        }
        commits.commit(List.copyOf(partitions));
        commits.forget(partitions);
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
        commits.forget(partitions);
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
