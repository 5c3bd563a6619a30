package io.edgesplit.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka options of the edgesplit job, all under {@code edgesplit.kafka.}. Read them from a Flink
 * {@code Configuration} (or {@code config.yaml}); the source and sink builders apply them with
 * {@code applyOptions(config)}.
 */
public final class KafkaOptions {

    /** Kafka's own default for broker, producer and consumer record size limits (1 MiB). */
    public static final long KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    /** Our default record size limit, so fp32 early-layer activations of big models fit. */
    public static final MemorySize DEFAULT_MAX_MESSAGE_SIZE = MemorySize.ofMebiBytes(16);

    /** The broker's default {@code transaction.max.timeout.ms} (15 min). */
    public static final Duration BROKER_DEFAULT_TRANSACTION_MAX_TIMEOUT = Duration.ofMinutes(15);

    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            ConfigOptions.key("edgesplit.kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Kafka bootstrap servers, comma separated host:port pairs. Required.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("edgesplit.kafka.group-id")
                    .stringType()
                    .defaultValue("edgesplit")
                    .withDescription(
                            "Consumer group id of the job's Kafka sources (offsets are committed"
                                    + " on checkpoints for monitoring only; Flink state holds the"
                                    + " positions).");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
            ConfigOptions.key("edgesplit.kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.EARLIEST)
                    .withDescription(
                            "Where sources start without a checkpoint: EARLIEST, LATEST, or"
                                    + " COMMITTED (the group's offsets, earliest where none).");

    public static final ConfigOption<String> TOPIC_TELEMETRY =
            ConfigOptions.key("edgesplit.kafka.topic.telemetry")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_TELEMETRY)
                    .withDescription("Topic of DeviceTelemetry records (input).");

    public static final ConfigOption<String> TOPIC_FRAMES =
            ConfigOptions.key("edgesplit.kafka.topic.frames")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_FRAMES)
                    .withDescription("Topic of Frame records (input).");

    public static final ConfigOption<String> TOPIC_DECISIONS =
            ConfigOptions.key("edgesplit.kafka.topic.decisions")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_DECISIONS)
                    .withDescription("Topic of Decision records (output).");

    public static final ConfigOption<String> TOPIC_RESULTS =
            ConfigOptions.key("edgesplit.kafka.topic.results")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_RESULTS)
                    .withDescription("Topic of InferenceResult records (output, exactly once).");

    public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
            ConfigOptions.key("edgesplit.kafka.topic.deadletters")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_DEAD_LETTERS)
                    .withDescription(
                            "Topic of DeadLetter records: input that could not be decoded or was"
                                    + " rejected, with the reason and the raw bytes.");

    public static final ConfigOption<String> TOPIC_PROFILES =
            ConfigOptions.key("edgesplit.kafka.topic.profiles")
                    .stringType()
                    .defaultValue(EdgesplitTopics.DEFAULT_PROFILES)
                    .withDescription("Topic of ModelProfile records (input, key = modelId).");

    public static final ConfigOption<MemorySize> MAX_MESSAGE_BYTES =
            ConfigOptions.key("edgesplit.kafka.max-message-bytes")
                    .memoryType()
                    .defaultValue(DEFAULT_MAX_MESSAGE_SIZE)
                    .withDescription(
                            "Largest record (key + value) the job reads or writes. Kafka's default"
                                    + " is 1 MiB; 16 MiB lets fp32 early-layer activations"
                                    + " through (VGG-16 conv1: 12.8 MB). The producer's"
                                    + " max.request.size and the consumer's"
                                    + " max.partition.fetch.bytes are raised to it; the broker's"
                                    + " message.max.bytes (or the topic's max.message.bytes)"
                                    + " must be raised too.");

    public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
            ConfigOptions.key("edgesplit.kafka.delivery-guarantee")
                    .enumType(DeliveryGuarantee.class)
                    .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
                    .withDescription(
                            "Delivery guarantee of the job's Kafka sinks. EXACTLY_ONCE writes in"
                                    + " transactions committed on checkpoints: readers must use"
                                    + " isolation.level=read_committed and see output only after"
                                    + " each checkpoint.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            ConfigOptions.key("edgesplit.kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("edgesplit")
                    .withDescription(
                            "Prefix of the transactional ids of EXACTLY_ONCE sinks; each sink"
                                    + " appends '-<topic>'. Keep it stable across restarts and"
                                    + " unique per job on a cluster.");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
            ConfigOptions.key("edgesplit.kafka.transaction-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "transaction.timeout.ms of EXACTLY_ONCE sinks. Must exceed the"
                                    + " checkpoint interval plus the time to recover from a"
                                    + " failure, and stay at or below the broker's"
                                    + " transaction.max.timeout.ms (15 min by default).");

    /** Kafka's default producer {@code buffer.memory} (32 MiB). */
    private static final long KAFKA_DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    private KafkaOptions() {}

    /**
     * Producer properties for records up to {@code maxMessageBytes} (key + value): {@code
     * max.request.size} set to it, {@code buffer.memory} to at least twice it. Every producer of
     * this module starts from these.
     */
    public static Properties producerSizeProperties(long maxMessageBytes) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Long.toString(maxMessageBytes));
        p.setProperty(
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                Long.toString(Math.max(KAFKA_DEFAULT_BUFFER_MEMORY, 2 * maxMessageBytes)));
        return p;
    }

    /**
     * Consumer properties for records up to {@code maxMessageBytes} (key + value): {@code
     * max.partition.fetch.bytes} set to it, {@code fetch.max.bytes} raised to it where it exceeds
     * Kafka's default of 50 MiB. Every consumer of this module starts from these.
     */
    public static Properties consumerSizeProperties(long maxMessageBytes) {
        Properties p = new Properties();
        p.setProperty(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Long.toString(maxMessageBytes));
        p.setProperty(
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                Long.toString(Math.max(ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, maxMessageBytes)));
        return p;
    }

    /** Where a source starts reading when it has no checkpointed position. */
    public enum StartingOffsets {
        EARLIEST,
        LATEST,
        COMMITTED
    }
}
