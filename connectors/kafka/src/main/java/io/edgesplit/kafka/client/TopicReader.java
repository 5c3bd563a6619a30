package io.edgesplit.kafka.client;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.schemas.AvroCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain {@code read_committed} consumer (no group, no
 * Flink): records of open or aborted transactions are never returned. For tests.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(100);

    private TopicReader() {}

    /**
     * Polls {@code topic} from the beginning until {@code count} records arrived or {@code timeout}
     * passed, and returns what arrived (possibly fewer, possibly more than {@code count}).
     */
    public static List<ConsumerRecord<String, byte[]>> poll(
            String bootstrapServers, String topic, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = open(bootstrapServers, topic)) {
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Reads every committed record of {@code topic} up to its end at the time of the call.
     *
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(
            String bootstrapServers, String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = open(bootstrapServers, topic)) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (!reached(consumer, end)) {
                if (System.nanoTime() >= deadline) {
                    throw new IllegalStateException(
                            "read "
                                    + records.size()
                                    + " records of topic "
                                    + topic
                                    + " but did not reach its end "
                                    + end
                                    + " within "
                                    + timeout);
                }
                consumer.poll(POLL).forEach(records::add);
            }
        }
        return records;
    }

    /** {@link #readAll} and decode the values as {@code type}. */
    public static <A extends SpecificRecord> List<A> readAllValues(
            String bootstrapServers, String topic, Class<A> type, Duration timeout) {
        AvroCodec<A> codec = AvroCodec.of(type);
        return readAll(bootstrapServers, topic, timeout).stream()
                .map(r -> codec.decode(r.value()))
                .toList();
    }

    private static boolean reached(
            KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static KafkaConsumer<String, byte[]> open(String bootstrapServers, String topic) {
        Properties props =
                KafkaOptions.consumerSizeProperties(
                        KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes());
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.setProperty(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            throw new IllegalArgumentException(
                    "topic " + topic + " does not exist on " + bootstrapServers);
        }
        List<TopicPartition> assigned =
                partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return consumer;
    }
}
