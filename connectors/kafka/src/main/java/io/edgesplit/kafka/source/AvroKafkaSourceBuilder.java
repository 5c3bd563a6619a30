package io.edgesplit.kafka.source;

import io.edgesplit.kafka.Decoded;
import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.KafkaOptions.StartingOffsets;
import io.edgesplit.kafka.client.KafkaClientProperties;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Builds a {@code KafkaSource<Decoded<R>>} for one topic. Defaults: start at the earliest offset,
 * {@code isolation.level=read_committed} (so records of aborted transactions never reach the job),
 * group id {@code edgesplit}, records up to 16 MiB ({@code max.partition.fetch.bytes} raised to
 * match). {@link #build()} checks the settings and says what to fix.
 *
 * @param <A> generated Avro type on the wire
 * @param <R> the job's type
 */
public final class AvroKafkaSourceBuilder<A extends SpecificRecord, R> {

    private final DecodingDeserializer<A, R> deserializer;
    private final Class<A> avroType;
    private final Properties properties = new Properties();
    private KafkaClientProperties clientProperties = KafkaClientProperties.NONE;
    private String bootstrapServers;
    private String topic;
    private String groupId = KafkaOptions.GROUP_ID.defaultValue();
    private OffsetsInitializer startingOffsets = OffsetsInitializer.earliest();
    private OffsetsInitializer stoppingOffsets;
    private long maxMessageBytes = KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes();
    private String clientIdPrefix;

    AvroKafkaSourceBuilder(DecodingDeserializer<A, R> deserializer, Class<A> avroType) {
        this.deserializer = deserializer;
        this.avroType = avroType;
    }

    /**
     * Applies the {@code edgesplit.kafka.properties.*} client properties, {@link
     * KafkaOptions#BOOTSTRAP_SERVERS} (if set), {@link KafkaOptions#GROUP_ID}, {@link
     * KafkaOptions#STARTING_OFFSETS} and {@link KafkaOptions#MAX_MESSAGE_BYTES}. The topic is set
     * separately (see {@code EdgesplitTopics.fromConfig}).
     */
    public AvroKafkaSourceBuilder<A, R> applyOptions(ReadableConfig config) {
        config.getOptional(KafkaOptions.BOOTSTRAP_SERVERS).ifPresent(this::setBootstrapServers);
        setClientProperties(KafkaClientProperties.fromConfig(config));
        setGroupId(config.get(KafkaOptions.GROUP_ID));
        setStartingOffsets(config.get(KafkaOptions.STARTING_OFFSETS));
        setMaxMessageBytes(config.get(KafkaOptions.MAX_MESSAGE_BYTES));
        return this;
    }

    /**
     * The user's Kafka client properties (security, timeouts), under the {@code
     * edgesplit.kafka.properties.*} options; the source's own settings go on top of them.
     */
    public AvroKafkaSourceBuilder<A, R> setClientProperties(KafkaClientProperties client) {
        this.clientProperties = Objects.requireNonNull(client, "client");
        return this;
    }

    /** Comma-separated {@code host:port} list. Required. */
    public AvroKafkaSourceBuilder<A, R> setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    /** The topic to read. Required. */
    public AvroKafkaSourceBuilder<A, R> setTopic(String topic) {
        this.topic = topic;
        return this;
    }

    /** Consumer group id; default {@code edgesplit}. */
    public AvroKafkaSourceBuilder<A, R> setGroupId(String groupId) {
        this.groupId = groupId;
        return this;
    }

    /** Where to start without a checkpoint; default earliest. */
    public AvroKafkaSourceBuilder<A, R> setStartingOffsets(OffsetsInitializer startingOffsets) {
        this.startingOffsets = startingOffsets;
        return this;
    }

    /** Where to start without a checkpoint, as the option's enum. */
    public AvroKafkaSourceBuilder<A, R> setStartingOffsets(StartingOffsets startingOffsets) {
        this.startingOffsets =
                initializer(Objects.requireNonNull(startingOffsets, "startingOffsets"));
        return this;
    }

    /**
     * Makes the source bounded: it stops at these offsets (e.g. {@link OffsetsInitializer#latest()}
     * for "what is there now"), and the job can finish. Default: unbounded.
     */
    public AvroKafkaSourceBuilder<A, R> setBounded(OffsetsInitializer stoppingOffsets) {
        this.stoppingOffsets = stoppingOffsets;
        return this;
    }

    /** Largest record expected; default 16 MiB. */
    public AvroKafkaSourceBuilder<A, R> setMaxMessageBytes(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    /** Largest record expected. */
    public AvroKafkaSourceBuilder<A, R> setMaxMessageBytes(MemorySize maxMessageSize) {
        return setMaxMessageBytes(maxMessageSize.getBytes());
    }

    /** Prefix of the Kafka client ids (shows in broker logs and metrics). */
    public AvroKafkaSourceBuilder<A, R> setClientIdPrefix(String clientIdPrefix) {
        this.clientIdPrefix = clientIdPrefix;
        return this;
    }

    /** Any other consumer property; it wins over the defaults of this builder. */
    public AvroKafkaSourceBuilder<A, R> setProperty(String key, String value) {
        properties.setProperty(
                Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Checks the settings and builds the source. */
    public KafkaSource<Decoded<R>> build() {
        String what = avroType.getSimpleName() + " source";
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalStateException(
                    what
                            + ": bootstrap servers not set: call setBootstrapServers(\"host:9092\")"
                            + " or set "
                            + KafkaOptions.BOOTSTRAP_SERVERS.key());
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalStateException(
                    what + ": topic not set: call setTopic(...), e.g. with EdgesplitTopics");
        }
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalStateException(
                    what + ": group id is blank: set " + KafkaOptions.GROUP_ID.key());
        }
        if (maxMessageBytes <= 0 || maxMessageBytes > Integer.MAX_VALUE) {
            throw new IllegalStateException(
                    what
                            + ": max message bytes "
                            + maxMessageBytes
                            + " is out of range: use 1.."
                            + Integer.MAX_VALUE
                            + " ("
                            + KafkaOptions.MAX_MESSAGE_BYTES.key()
                            + ")");
        }
        String fetch = properties.getProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG);
        if (fetch != null && parseBytes(what, fetch) < maxMessageBytes) {
            throw new IllegalStateException(
                    what
                            + ": "
                            + ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG
                            + "="
                            + fetch
                            + " is below the max message size "
                            + maxMessageBytes
                            + ": drop the property or raise it");
        }
        String isolation = properties.getProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        if (isolation != null
                && !"read_committed".equals(isolation.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalStateException(
                    what
                            + ": isolation.level="
                            + isolation
                            + " would let records of aborted transactions into the job: drop"
                            + " the property (read_committed is the default here)");
        }

        KafkaSourceBuilder<Decoded<R>> builder =
                KafkaSource.<Decoded<R>>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(
                                Objects.requireNonNull(startingOffsets, "startingOffsets"))
                        .setDeserializer(deserializer)
                        .setProperties(consumerProperties());
        if (clientIdPrefix != null) {
            builder.setClientIdPrefix(clientIdPrefix);
        }
        if (stoppingOffsets != null) {
            builder.setBounded(stoppingOffsets);
        }
        return builder.build();
    }

    private static long parseBytes(String what, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    what
                            + ": "
                            + ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG
                            + "="
                            + value
                            + " is not a number of bytes",
                    e);
        }
    }

    /** The consumer properties the source adds to the connector's own. */
    Properties consumerProperties() {
        Properties consumer = KafkaOptions.consumerSizeProperties(maxMessageBytes);
        consumer.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.putAll(properties);
        return clientProperties.merge(consumer);
    }

    @SuppressWarnings("deprecation") // the connector's API still takes Kafka's OffsetResetStrategy
    private static OffsetsInitializer initializer(StartingOffsets startingOffsets) {
        return switch (startingOffsets) {
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
            case COMMITTED ->
                    OffsetsInitializer.committedOffsets(
                            org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
        };
    }
}
