package io.edgesplit.kafka.recording;

import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.JobTopics;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.client.KafkaClusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces a trace's records back to Kafka: merged in timestamp order (so each partition's, and
 * each key's, order is kept), paced by the recorded gaps divided by the speed, with a Kafka
 * timestamp set on every record (shifted so the trace starts now, or as recorded). Keys, values and
 * headers go out byte for byte unless payload rewriting is on. Partitions are chosen by the
 * producer's partitioner (by key hash), not copied from the recording.
 *
 * <p>One replayer runs once; {@link #stop()} may be called from another thread (e.g. a shutdown
 * hook) and makes {@link #run} flush and return early.
 */
public final class TraceReplayer {

    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** How the Kafka timestamps of replayed records are set. */
    public enum TimestampMode {
        /** Shifted by one constant so the trace's first record is stamped with the start time. */
        SHIFT,
        /** As recorded. */
        KEEP
    }

    /**
     * What to replay and how.
     *
     * @param topics topics of the trace to replay, empty = all
     * @param topicMap trace topic -> target topic; unmapped topics keep their name
     * @param speed 1 = recorded pace, 2 = twice as fast, 0 = as fast as possible
     * @param rateLimit at most this many records per second, 0 = no limit
     * @param loops how many times to replay the trace, 0 = until stopped
     * @param timestamps Kafka timestamps: shifted to now, or kept
     * @param rewritePayloads also move the event time inside Frame and DeviceTelemetry values by
     *     the same amount as the Kafka timestamp, and frame ids by one trace's worth per loop
     */
    public record Options(
            List<String> topics,
            Map<String, String> topicMap,
            double speed,
            double rateLimit,
            int loops,
            TimestampMode timestamps,
            boolean rewritePayloads) {

        public Options {
            topics = List.copyOf(topics);
            topicMap = Map.copyOf(topicMap);
            Objects.requireNonNull(timestamps, "timestamps");
            if (!(speed >= 0) || Double.isInfinite(speed)) {
                throw new IllegalArgumentException(
                        "speed "
                                + speed
                                + " is not valid: use a factor > 0, or 0/max for no pacing");
            }
            if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
                throw new IllegalArgumentException(
                        "rate limit " + rateLimit + " is not valid: use records per second > 0");
            }
            if (loops < 0) {
                throw new IllegalArgumentException(
                        "loops " + loops + " is negative: use 1 or more, or 0 for forever");
            }
        }

        /** Replay everything once at recorded pace with shifted timestamps. */
        public static Options defaults() {
            return new Options(List.of(), Map.of(), 1, 0, 1, TimestampMode.SHIFT, false);
        }
    }

    /**
     * Where a running replay stands.
     *
     * @param records records sent so far
     * @param bytes key plus value bytes sent so far
     * @param loop the current loop, from 0
     * @param recordsPerLoop records of one pass over the trace
     */
    public record Progress(long records, long bytes, int loop, long recordsPerLoop) {}

    /** Receives progress after every record (from the replaying thread). */
    @FunctionalInterface
    public interface Listener {
        void onProgress(Progress progress);
    }

    /**
     * What a replay did.
     *
     * @param recordsByTopic records sent per target topic
     * @param records records sent
     * @param bytes key plus value bytes sent
     * @param loops passes over the trace started
     * @param firstTimestamp smallest Kafka timestamp set, null if none
     * @param lastTimestamp largest Kafka timestamp set, null if none
     * @param wallNanos how long it took, flushing included
     * @param stopped whether {@link #stop()} ended it early
     * @param payloadsRewritten values whose event time or frame id was rewritten
     * @param payloadsUndecodable frame or telemetry values that did not decode (sent unchanged)
     */
    public record Summary(
            Map<String, Long> recordsByTopic,
            long records,
            long bytes,
            int loops,
            Long firstTimestamp,
            Long lastTimestamp,
            long wallNanos,
            boolean stopped,
            long payloadsRewritten,
            long payloadsUndecodable) {}

    private final TraceReader trace;
    private final Options options;
    private final List<String> sourceTopics;
    private final Map<String, String> targets = new LinkedHashMap<>();
    private final long recordsPerLoop;
    private final long firstTimestamp;
    private final long lastTimestamp;
    private volatile boolean stop;

    /**
     * Checks the options against the trace.
     *
     * @throws IllegalArgumentException for a topic that is not in the trace or a mapping to an
     *     invalid topic name
     */
    public TraceReplayer(TraceReader trace, Options options) {
        this.trace = Objects.requireNonNull(trace, "trace");
        this.options = Objects.requireNonNull(options, "options");
        TraceManifest m = trace.manifest();
        for (String t : options.topics()) {
            if (m.topic(t) == null) {
                throw new IllegalArgumentException(trace.notInTrace("topic", t));
            }
        }
        this.sourceTopics =
                options.topics().isEmpty() ? m.topicNames() : List.copyOf(options.topics());
        for (Map.Entry<String, String> e : options.topicMap().entrySet()) {
            if (!sourceTopics.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        m.topic(e.getKey()) == null
                                ? trace.notInTrace("mapped topic", e.getKey())
                                : "mapped topic '"
                                        + e.getKey()
                                        + "' is not among the topics to replay ("
                                        + String.join(", ", sourceTopics)
                                        + ")");
            }
            if (!EdgesplitTopics.isLegalName(e.getValue())) {
                throw new IllegalArgumentException(
                        "target topic name '"
                                + e.getValue()
                                + "' is invalid: use 1-249 characters from a-z, A-Z, 0-9, '.', '_'"
                                + " and '-'");
            }
        }
        long n = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String t : sourceTopics) {
            TraceManifest.TopicEntry e = m.topic(t);
            targets.put(t, options.topicMap().getOrDefault(t, t));
            n += e.records();
            if (e.firstTimestamp() != null) {
                first = Math.min(first, e.firstTimestamp());
                last = Math.max(last, e.lastTimestamp());
            }
        }
        this.recordsPerLoop = n;
        this.firstTimestamp = first == Long.MAX_VALUE ? 0 : first;
        this.lastTimestamp = last == Long.MIN_VALUE ? 0 : last;
    }

    /** Target topic -> partitions it had when recorded (1 for generated topics), for creation. */
    public Map<String, Integer> targetTopics() {
        Map<String, Integer> out = new LinkedHashMap<>();
        recordedPartitions().forEach((target, n) -> out.put(target, Math.max(1, n)));
        return out;
    }

    /**
     * Target topic -> partitions its source topic had when recorded (the most of them, if several
     * map to it); 0 when the trace does not say (generated records).
     */
    public Map<String, Integer> recordedPartitions() {
        Map<String, Integer> out = new LinkedHashMap<>();
        targets.forEach(
                (source, target) ->
                        out.merge(
                                target,
                                trace.manifest().topic(source).partitionCount(),
                                Math::max));
        return out;
    }

    /** Records of one pass over the trace. */
    public long recordsPerLoop() {
        return recordsPerLoop;
    }

    /** How much later in trace time each loop starts than the one before. */
    public long loopPeriodMs() {
        return ReplayPacer.loopPeriodMs(firstTimestamp, lastTimestamp, recordsPerLoop);
    }

    /** Makes {@link #run} stop sending, flush and return; safe from any thread. */
    public void stop() {
        stop = true;
    }

    /**
     * Replays the trace into {@code producer} and flushes it.
     *
     * @throws IllegalStateException if the producer fails to send a record
     * @throws InvalidTraceException if a trace file turns out corrupt while reading it
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public Summary run(Producer<byte[], byte[]> producer, Listener listener)
            throws InterruptedException {
        long period = loopPeriodMs();
        ReplayPacer pacer =
                new ReplayPacer(options.speed(), options.rateLimit(), firstTimestamp, period);
        long startNanos = System.nanoTime();
        long shift =
                options.timestamps() == TimestampMode.SHIFT
                        ? System.currentTimeMillis() - firstTimestamp
                        : 0;
        PayloadRewriter rewriter = options.rewritePayloads() ? new PayloadRewriter() : null;
        AtomicReference<Exception> failure = new AtomicReference<>();
        Map<String, Long> byTopic = new LinkedHashMap<>();
        new LinkedHashSet<>(targets.values()).forEach(t -> byTopic.put(t, 0L));
        long records = 0;
        long bytes = 0;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        long frameIdStride = 0;
        int loop = 0;
        for (; !stop && (options.loops() == 0 || loop < options.loops()); loop++) {
            long loopShift =
                    options.timestamps() == TimestampMode.SHIFT ? shift + loop * period : 0;
            try (TraceCursor cursor = trace.records(sourceTopics)) {
                while (!stop && cursor.hasNext()) {
                    throwIfFailed(failure);
                    TraceRecord r = cursor.next();
                    long recorded = r.timestamp() >= 0 ? r.timestamp() : firstTimestamp;
                    if (!sleepUntil(startNanos + pacer.dueNanos(recorded, loop))) {
                        break;
                    }
                    Long ts = r.timestamp() >= 0 ? r.timestamp() + loopShift : null;
                    byte[] value =
                            rewriter == null
                                    ? r.value()
                                    : rewriter.rewrite(r.value(), loopShift, loop * frameIdStride);
                    String target = targets.get(r.topic());
                    RecordHeaders headers = new RecordHeaders();
                    for (TraceHeader h : r.headers()) {
                        headers.add(h.key(), h.value());
                    }
                    producer.send(
                            new ProducerRecord<>(target, null, ts, r.key(), value, headers),
                            (metadata, e) -> {
                                if (e != null) {
                                    failure.compareAndSet(null, e);
                                }
                            });
                    records++;
                    bytes +=
                            (r.key() == null ? 0 : r.key().length)
                                    + (value == null ? 0 : value.length);
                    byTopic.merge(target, 1L, Long::sum);
                    if (ts != null) {
                        minTs = Math.min(minTs, ts);
                        maxTs = Math.max(maxTs, ts);
                    }
                    if (listener != null) {
                        listener.onProgress(new Progress(records, bytes, loop, recordsPerLoop));
                    }
                }
            }
            if (rewriter != null && loop == 0) {
                frameIdStride = rewriter.maxFrameId() + 1;
            }
            if (recordsPerLoop == 0) {
                loop++;
                break; // nothing to loop over
            }
        }
        producer.flush();
        throwIfFailed(failure);
        return new Summary(
                byTopic,
                records,
                bytes,
                loop,
                minTs == Long.MAX_VALUE ? null : minTs,
                maxTs == Long.MIN_VALUE ? null : maxTs,
                System.nanoTime() - startNanos,
                stop,
                rewriter == null ? 0 : rewriter.rewritten(),
                rewriter == null ? 0 : rewriter.undecodable());
    }

    private boolean sleepUntil(long deadlineNanos) throws InterruptedException {
        while (!stop) {
            long wait = deadlineNanos - System.nanoTime();
            if (wait <= 0) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, POLL_SLICE_NANOS));
        }
        return false;
    }

    private static void throwIfFailed(AtomicReference<Exception> failure) {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("producing the trace failed: " + e.getMessage(), e);
        }
    }

    /**
     * A producer for replays: byte keys and values, idempotent with {@code acks=all} and one
     * request in flight (so retries neither reorder nor duplicate), records up to {@code
     * maxMessageBytes}.
     */
    public static KafkaProducer<byte[], byte[]> producer(
            String bootstrapServers, long maxMessageBytes, KafkaClientProperties client) {
        Properties p = KafkaOptions.producerSizeProperties(maxMessageBytes);
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "edgesplit-replay");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // one request in flight per broker: a batch is never written before the one ahead of it,
        // even when the first batch to a just-created partition fails and is retried (with more
        // in flight, the idempotent producer can then reject the retry as out of order)
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(
                client.merge(p), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** An admin client for {@code bootstrapServers}; close it after use. */
    public static Admin admin(String bootstrapServers, KafkaClientProperties client) {
        return KafkaClusters.admin(bootstrapServers, client, "edgesplit-replay-admin");
    }

    /**
     * The topics of {@code names} that do not exist on the cluster at {@code bootstrapServers}.
     *
     * @throws IllegalStateException if the cluster does not answer within 30 s
     */
    public static List<String> missingTopics(
            Admin admin, String bootstrapServers, Collection<String> names) {
        Set<String> existing =
                KafkaClusters.topicNames(admin, bootstrapServers, KafkaClusters.ANSWER_TIMEOUT);
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!existing.contains(n)) {
                missing.add(n);
            }
        }
        return missing;
    }

    /**
     * Creates topics with the given partition counts and the broker's default replication factor;
     * topics that exist by then are left as they are.
     */
    public static void createTopics(Admin admin, Map<String, Integer> partitions) {
        JobTopics.create(admin, partitions, Map.of());
    }
}
