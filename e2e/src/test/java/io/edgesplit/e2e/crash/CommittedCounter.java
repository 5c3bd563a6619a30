package io.edgesplit.e2e.crash;

import io.edgesplit.avro.InferenceResult;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.schemas.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows a results topic as a {@code read_committed} reader on a background thread, for progress
 * lines and restart times: how many results are committed, for how many distinct frames, and when
 * that number last grew. A broker that is down only pauses it.
 */
final class CommittedCounter implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final int partitions;
    private final String bootstrap;
    private final Set<RunOutput.FrameKey> distinct = new HashSet<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;
    private final List<Long> growthNanos = new ArrayList<>();
    private long records;
    private long lastGrowthNanos;

    CommittedCounter(String bootstrap, String topic, int partitions) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.partitions = partitions;
        this.thread = new Thread(this::follow, "committed-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Result records committed so far. */
    synchronized long records() {
        return records;
    }

    /** Distinct frames with a committed result so far. */
    synchronized int distinct() {
        return distinct.size();
    }

    /** {@link System#nanoTime()} when {@link #distinct()} last grew, 0 if never. */
    synchronized long lastGrowthNanos() {
        return lastGrowthNanos;
    }

    /** The first time after {@code nanos} that {@link #distinct()} grew, or -1. */
    synchronized long firstGrowthAfter(long nanos) {
        for (long t : growthNanos) {
            if (t > nanos) {
                return t;
            }
        }
        return -1;
    }

    /** Whether more distinct frames were committed after {@code nanos}. */
    synchronized boolean grewAfter(long nanos) {
        return lastGrowthNanos > nanos;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(10).toMillis());
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "following " + topic + " failed: " + failure.get(), failure.get());
        }
    }

    private void follow() {
        AvroCodec<InferenceResult> codec = AvroCodec.of(InferenceResult.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties())) {
            List<TopicPartition> all =
                    java.util.stream.IntStream.range(0, partitions)
                            .mapToObj(p -> new TopicPartition(topic, p))
                            .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    InferenceResult result = codec.decode(r.value());
                    count(
                            new RunOutput.FrameKey(
                                    result.getDeviceId().toString(), result.getFrameId()));
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    private synchronized void count(RunOutput.FrameKey key) {
        records++;
        if (distinct.add(key)) {
            lastGrowthNanos = System.nanoTime();
            growthNanos.add(lastGrowthNanos);
        }
    }

    private Properties properties() {
        Properties p =
                KafkaOptions.consumerSizeProperties(
                        KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes());
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.setProperty(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        // a broker that is down for a while must not end the reader
        p.setProperty(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "600000");
        return p;
    }
}
