package io.edgesplit.kafka.recording;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaClientProperties;
import io.edgesplit.kafka.client.KafkaClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records Kafka topics into a {@link TraceWriter}: a {@code read_committed} consumer without a
 * group (records of open or aborted transactions are never recorded; nothing is committed) that
 * reads every partition of the topics, from the beginning or from the end, until a stop condition:
 * a duration, a number of records, the end offsets seen at the start, or {@link #stop()}.
 * Partitions added while it runs are not picked up.
 */
public final class TraceRecorder implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration METADATA_TIMEOUT = KafkaClusters.ANSWER_TIMEOUT;

    /** Why a recording ended. */
    public enum StopReason {
        /** The duration passed. */
        DURATION,
        /** The maximum number of records was recorded. */
        MAX_RECORDS,
        /** Every partition was read up to its end offset at the start. */
        END_REACHED,
        /** {@link #stop()} was called (e.g. on Ctrl-C). */
        STOPPED
    }

    /**
     * What to record.
     *
     * @param topics topics to record (they must exist)
     * @param fromBeginning start at the earliest offsets instead of the end
     * @param toEnd stop once every partition is read up to its end offset at the start
     * @param duration stop after this long, null = no limit
     * @param maxRecords stop after this many records, 0 = no limit
     */
    public record Options(
            List<String> topics,
            boolean fromBeginning,
            boolean toEnd,
            Duration duration,
            long maxRecords) {

        public Options {
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no topics to record");
            }
            if (duration != null && (duration.isNegative() || duration.isZero())) {
                throw new IllegalArgumentException("duration " + duration + " must be positive");
            }
            if (maxRecords < 0) {
                throw new IllegalArgumentException(
                        "max records "
                                + maxRecords
                                + " is negative: use 1 or more, or 0 for no"
                                + " limit");
            }
            if (toEnd && !fromBeginning) {
                throw new IllegalArgumentException(
                        "recording to the end offsets without starting from the beginning records"
                                + " nothing: add from-beginning");
            }
        }
    }

    /** Receives the writer after every batch of records (from the recording thread). */
    @FunctionalInterface
    public interface Listener {
        void onProgress(TraceWriter writer);
    }

    /**
     * What a recording did.
     *
     * @param manifest the manifest written
     * @param reason why it ended
     * @param wallNanos how long it ran
     */
    public record Summary(TraceManifest manifest, StopReason reason, long wallNanos) {}

    private final String bootstrapServers;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean stop;

    /**
     * Connects a consumer.
     *
     * @param maxMessageBytes largest record expected (the fetch sizes are raised to it)
     * @param client the user's client properties (security)
     */
    public TraceRecorder(
            String bootstrapServers, long maxMessageBytes, KafkaClientProperties client) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Properties p = KafkaOptions.consumerSizeProperties(maxMessageBytes);
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "edgesplit-record");
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        this.consumer =
                new KafkaConsumer<>(
                        client.merge(p), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Which of {@code candidates} exist on the cluster, in their order.
     *
     * @throws IllegalStateException if the cluster does not answer within 30 s
     */
    public List<String> existingTopics(Collection<String> candidates) {
        Set<String> all;
        try {
            all = consumer.listTopics(METADATA_TIMEOUT).keySet();
        } catch (TimeoutException e) {
            throw unreachable(e);
        }
        return candidates.stream().filter(all::contains).toList();
    }

    /**
     * Records until a stop condition, then finishes the writer (writes the manifest).
     *
     * @throws IllegalArgumentException if a topic does not exist
     */
    public Summary record(TraceWriter writer, Options options, Listener listener) {
        long start = System.nanoTime();
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : options.topics()) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                throw unreachable(e);
            }
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException(
                        "topic " + topic + " does not exist on " + bootstrapServers);
            }
            infos.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .forEach(partitions::add);
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = null;
        if (options.fromBeginning()) {
            consumer.seekToBeginning(partitions);
            if (options.toEnd()) {
                end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            }
        } else {
            consumer.seekToEnd(partitions);
            // resolve the positions now, so records produced from here on are all recorded
            partitions.forEach(tp -> consumer.position(tp, METADATA_TIMEOUT));
        }
        long deadline =
                options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();
        StopReason reason = null;
        try {
            while (reason == null) {
                if (stop) {
                    reason = StopReason.STOPPED;
                } else if (end != null && reached(end)) {
                    reason = StopReason.END_REACHED;
                } else if (System.nanoTime() >= deadline) {
                    reason = StopReason.DURATION;
                } else if (options.maxRecords() > 0 && writer.records() >= options.maxRecords()) {
                    reason = StopReason.MAX_RECORDS;
                } else {
                    ConsumerRecords<byte[], byte[]> batch =
                            consumer.poll(shorter(POLL, deadline - System.nanoTime()));
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        if (options.maxRecords() > 0 && writer.records() >= options.maxRecords()) {
                            break;
                        }
                        writer.append(TraceRecord.of(r));
                    }
                    if (listener != null && !batch.isEmpty()) {
                        listener.onProgress(writer);
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up
            reason = StopReason.STOPPED;
        }
        TraceManifest manifest = writer.finish();
        return new Summary(manifest, reason, System.nanoTime() - start);
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Duration shorter(Duration poll, long remainingNanos) {
        return remainingNanos < poll.toNanos()
                ? Duration.ofNanos(Math.max(0, remainingNanos))
                : poll;
    }

    private IllegalStateException unreachable(TimeoutException e) {
        return KafkaClusters.unreachable(bootstrapServers, METADATA_TIMEOUT, e);
    }

    /** Makes {@link #record} finish and return; safe from any thread. */
    public void stop() {
        stop = true;
        consumer.wakeup();
    }

    /** Closes the consumer. */
    @Override
    public void close() {
        consumer.close();
    }
}
