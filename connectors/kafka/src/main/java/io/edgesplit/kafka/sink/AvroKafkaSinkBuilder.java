package io.edgesplit.kafka.sink;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.kafka.client.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a {@code KafkaSink<R>} writing Avro single-object encoded values to one topic. Defaults:
 * {@link DeliveryGuarantee#AT_LEAST_ONCE}, records up to 16 MiB ({@code max.request.size} raised to
 * match), transaction timeout 10 min (below the broker's default 15 min maximum). {@link #build()}
 * checks the settings and says what to fix.
 *
 * <p>With {@link DeliveryGuarantee#EXACTLY_ONCE} the sink writes in Kafka transactions committed
 * when a checkpoint completes: enable checkpointing, give each sink a transactional id prefix that
 * is unique on the cluster and stable across restarts, and read with {@code read_committed}.
 *
 * @param <R> the job's type
 * @param <A> generated Avro type on the wire
 */
public final class AvroKafkaSinkBuilder<R, A extends SpecificRecord> {

    private final Class<A> avroType;
    private final MapperForLimit<R, A> mapper;
    private final Properties properties = new Properties();
    private KafkaClientProperties clientProperties = KafkaClientProperties.NONE;
    private SerializableFunction<R, byte[]> keyExtractor;
    private String bootstrapServers;
    private String topic;
    private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.AT_LEAST_ONCE;
    private String transactionalIdPrefix;
    private String transactionalIdBase;
    private long maxMessageBytes = KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes();
    private Duration transactionTimeout = KafkaOptions.TRANSACTION_TIMEOUT.defaultValue();
    private Duration brokerTransactionMaxTimeout =
            KafkaOptions.BROKER_DEFAULT_TRANSACTION_MAX_TIMEOUT;

    AvroKafkaSinkBuilder(Class<A> avroType, SerializableFunction<R, A> mapper) {
        this(avroType, new FixedMapper<>(Objects.requireNonNull(mapper, "mapper")));
    }

    /** For mappers that must know the max message size (the dead-letter mapper). */
    AvroKafkaSinkBuilder(Class<A> avroType, MapperForLimit<R, A> mapper) {
        this.avroType = Objects.requireNonNull(avroType, "avroType");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Applies the {@code edgesplit.kafka.properties.*} client properties, {@link
     * KafkaOptions#BOOTSTRAP_SERVERS} (if set), {@link KafkaOptions#DELIVERY_GUARANTEE}, {@link
     * KafkaOptions#MAX_MESSAGE_BYTES}, {@link KafkaOptions#TRANSACTION_TIMEOUT} and {@link
     * KafkaOptions#TRANSACTIONAL_ID_PREFIX} (to which {@link #build()} appends {@code -<topic>}
     * unless {@link #setTransactionalIdPrefix} was called).
     */
    public AvroKafkaSinkBuilder<R, A> applyOptions(ReadableConfig config) {
        config.getOptional(KafkaOptions.BOOTSTRAP_SERVERS).ifPresent(this::setBootstrapServers);
        setClientProperties(KafkaClientProperties.fromConfig(config));
        setDeliveryGuarantee(config.get(KafkaOptions.DELIVERY_GUARANTEE));
        setMaxMessageBytes(config.get(KafkaOptions.MAX_MESSAGE_BYTES));
        setTransactionTimeout(config.get(KafkaOptions.TRANSACTION_TIMEOUT));
        this.transactionalIdBase = config.get(KafkaOptions.TRANSACTIONAL_ID_PREFIX);
        return this;
    }

    /**
     * The user's Kafka client properties (security, timeouts), under the {@code
     * edgesplit.kafka.properties.*} options; the sink's own settings go on top of them.
     */
    public AvroKafkaSinkBuilder<R, A> setClientProperties(KafkaClientProperties client) {
        this.clientProperties = Objects.requireNonNull(client, "client");
        return this;
    }

    /** Comma-separated {@code host:port} list. Required. */
    public AvroKafkaSinkBuilder<R, A> setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        return this;
    }

    /** The topic to write. Required. */
    public AvroKafkaSinkBuilder<R, A> setTopic(String topic) {
        this.topic = topic;
        return this;
    }

    /** The record key as a string, written UTF-8 (the deviceId for device records). Required. */
    public AvroKafkaSinkBuilder<R, A> setKeyExtractor(
            SerializableFunction<R, String> keyExtractor) {
        Objects.requireNonNull(keyExtractor, "keyExtractor");
        this.keyExtractor = new Utf8Key<>(keyExtractor);
        return this;
    }

    /**
     * The record key as raw bytes (null for no key); an alternative to {@link #setKeyExtractor}.
     */
    public AvroKafkaSinkBuilder<R, A> setRawKeyExtractor(
            SerializableFunction<R, byte[]> keyExtractor) {
        this.keyExtractor = Objects.requireNonNull(keyExtractor, "keyExtractor");
        return this;
    }

    /** Default {@link DeliveryGuarantee#AT_LEAST_ONCE}. */
    public AvroKafkaSinkBuilder<R, A> setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
        this.deliveryGuarantee = deliveryGuarantee;
        return this;
    }

    /**
     * Prefix of the transactional ids, used verbatim. Required for {@link
     * DeliveryGuarantee#EXACTLY_ONCE} (or set through {@link #applyOptions}); must differ between
     * sinks and jobs writing to one cluster and stay the same across restarts.
     */
    public AvroKafkaSinkBuilder<R, A> setTransactionalIdPrefix(String transactionalIdPrefix) {
        this.transactionalIdPrefix = transactionalIdPrefix;
        return this;
    }

    /** Largest record written (key + value); default 16 MiB. */
    public AvroKafkaSinkBuilder<R, A> setMaxMessageBytes(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
        return this;
    }

    /** Largest record written (key + value). */
    public AvroKafkaSinkBuilder<R, A> setMaxMessageBytes(MemorySize maxMessageSize) {
        return setMaxMessageBytes(maxMessageSize.getBytes());
    }

    /**
     * {@code transaction.timeout.ms} for {@link DeliveryGuarantee#EXACTLY_ONCE}; default 10 min.
     */
    public AvroKafkaSinkBuilder<R, A> setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
        return this;
    }

    /**
     * The broker's {@code transaction.max.timeout.ms}, if it is not Kafka's default of 15 min; the
     * transaction timeout must not exceed it.
     */
    public AvroKafkaSinkBuilder<R, A> setBrokerTransactionMaxTimeout(Duration maxTimeout) {
        this.brokerTransactionMaxTimeout = maxTimeout;
        return this;
    }

    /** Any other producer property; it wins over the defaults of this builder. */
    public AvroKafkaSinkBuilder<R, A> setProperty(String key, String value) {
        properties.setProperty(
                Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Checks the settings and builds the sink. */
    public KafkaSink<R> build() {
        String what = avroType.getSimpleName() + " sink";
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
        if (keyExtractor == null) {
            throw new IllegalStateException(
                    what
                            + ": key extractor not set: call setKeyExtractor(r -> r.deviceId())"
                            + " (records are keyed by deviceId)");
        }
        if (deliveryGuarantee == null) {
            throw new IllegalStateException(
                    what + ": delivery guarantee is null: use EXACTLY_ONCE or AT_LEAST_ONCE");
        }
        if (maxMessageBytes <= AvroRecordSerializer.RECORD_OVERHEAD_BYTES
                || maxMessageBytes > Integer.MAX_VALUE) {
            throw new IllegalStateException(
                    what
                            + ": max message bytes "
                            + maxMessageBytes
                            + " is out of range: use "
                            + (AvroRecordSerializer.RECORD_OVERHEAD_BYTES + 1)
                            + ".."
                            + Integer.MAX_VALUE
                            + " ("
                            + KafkaOptions.MAX_MESSAGE_BYTES.key()
                            + ")");
        }
        String prefix = effectiveTransactionalIdPrefix();
        if (deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalStateException(
                        what
                                + ": EXACTLY_ONCE needs a transactional id prefix, unique per sink"
                                + " on the cluster and stable across restarts: call"
                                + " setTransactionalIdPrefix(...) or set "
                                + KafkaOptions.TRANSACTIONAL_ID_PREFIX.key());
            }
            if (transactionTimeout == null
                    || transactionTimeout.isNegative()
                    || transactionTimeout.isZero()) {
                throw new IllegalStateException(
                        what
                                + ": transaction timeout "
                                + transactionTimeout
                                + " must be positive ("
                                + KafkaOptions.TRANSACTION_TIMEOUT.key()
                                + ")");
            }
            if (transactionTimeout.compareTo(brokerTransactionMaxTimeout) > 0) {
                throw new IllegalStateException(
                        what
                                + ": transaction timeout "
                                + transactionTimeout
                                + " exceeds the broker's transaction.max.timeout.ms of "
                                + brokerTransactionMaxTimeout
                                + ": lower "
                                + KafkaOptions.TRANSACTION_TIMEOUT.key()
                                + ", or raise the broker setting and call"
                                + " setBrokerTransactionMaxTimeout(...)");
            }
        }

        Properties producer = producerProperties();

        var builder =
                KafkaSink.<R>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setKafkaProducerConfig(producer)
                        .setDeliveryGuarantee(deliveryGuarantee)
                        .setRecordSerializer(serializer());
        if (prefix != null) {
            builder.setTransactionalIdPrefix(prefix);
        }
        return builder.build();
    }

    /** The transactional id prefix the sink will use, or null. */
    String effectiveTransactionalIdPrefix() {
        if (transactionalIdPrefix != null) {
            return transactionalIdPrefix;
        }
        return transactionalIdBase == null ? null : transactionalIdBase + "-" + topic;
    }

    /** The producer properties the sink will use. */
    Properties producerProperties() {
        Properties producer = KafkaOptions.producerSizeProperties(maxMessageBytes);
        producer.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (transactionTimeout != null) {
            producer.setProperty(
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                    Long.toString(transactionTimeout.toMillis()));
        }
        producer.putAll(properties);
        return clientProperties.merge(producer);
    }

    /** The record serializer the sink will use. */
    AvroRecordSerializer<R, A> serializer() {
        return new AvroRecordSerializer<>(
                topic, avroType, mapper.forLimit(maxMessageBytes), keyExtractor, maxMessageBytes);
    }

    /** Gives the mapper for a max message size. */
    interface MapperForLimit<R, A> {
        SerializableFunction<R, A> forLimit(long maxMessageBytes);
    }

    /** A mapper that does not depend on the size limit. */
    private record FixedMapper<R, A>(SerializableFunction<R, A> mapper)
            implements MapperForLimit<R, A> {
        @Override
        public SerializableFunction<R, A> forLimit(long maxMessageBytes) {
            return mapper;
        }
    }

    /** A string key written as UTF-8 bytes. */
    private record Utf8Key<R>(SerializableFunction<R, String> key)
            implements SerializableFunction<R, byte[]> {
        @Override
        public byte[] apply(R record) {
            String k = key.apply(record);
            return k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        }
    }
}
