package io.edgesplit.kafka.client;

import io.edgesplit.kafka.KafkaOptions;
import io.edgesplit.schemas.AvroCodec;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain Kafka producer of Avro single-object encoded records (no Flink), for the demo's
 * generators, trace replay and tests. Keys are strings (the deviceId), written UTF-8. The caller
 * may set each record's timestamp, so a replay keeps its recorded timing. Idempotent, {@code
 * acks=all}, one request in flight per broker (a retry never reorders or holds back a partition's
 * records). Like {@link KafkaProducer}, one instance may be shared by several threads.
 */
public final class AvroProducer implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    private AvroProducer(Properties properties) {
        this.producer =
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** A builder for a producer to {@code bootstrapServers}. */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** Sends a record; the broker assigns the timestamp. */
    public <A extends SpecificRecord> Future<RecordMetadata> send(
            String topic, String key, A value) {
        return sendRaw(topic, key, encode(value), null);
    }

    /** Sends a record with the given timestamp (epoch ms, e.g. the event time of a replay). */
    public <A extends SpecificRecord> Future<RecordMetadata> send(
            String topic, String key, A value, long timestampMs) {
        return sendRaw(topic, key, encode(value), timestampMs);
    }

    /**
     * Sends bytes as they are (e.g. to test dead letters).
     *
     * @param timestampMs epoch ms, or null to let the broker assign it
     */
    public Future<RecordMetadata> sendRaw(
            String topic, String key, byte[] value, Long timestampMs) {
        Objects.requireNonNull(topic, "topic");
        return producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value));
    }

    /** Blocks until every record sent so far is acknowledged. */
    public void flush() {
        producer.flush();
    }

    /** Flushes and closes. */
    @Override
    public void close() {
        producer.close();
    }

    @SuppressWarnings("unchecked")
    private static <A extends SpecificRecord> byte[] encode(A value) {
        Objects.requireNonNull(value, "value");
        return AvroCodec.of((Class<A>) value.getClass()).encode(value);
    }

    /** Settings of an {@link AvroProducer}. */
    public static final class Builder {
        private final String bootstrapServers;
        private final Properties properties = new Properties();
        private long maxMessageBytes = KafkaOptions.DEFAULT_MAX_MESSAGE_SIZE.getBytes();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
        }

        /** Largest record sent; default 16 MiB (the broker must accept it too). */
        public Builder maxMessageBytes(long maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Any other producer property, e.g. {@code linger.ms}. */
        public Builder property(String key, String value) {
            properties.setProperty(
                    Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Checks the settings and connects. */
        public AvroProducer build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException(
                        "producer: bootstrap servers not set: pass \"host:9092\"");
            }
            if (maxMessageBytes <= 0 || maxMessageBytes > Integer.MAX_VALUE) {
                throw new IllegalStateException(
                        "producer: max message bytes "
                                + maxMessageBytes
                                + " is out of range: use 1.."
                                + Integer.MAX_VALUE);
            }
            Properties all = KafkaOptions.producerSizeProperties(maxMessageBytes);
            all.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            all.setProperty(ProducerConfig.ACKS_CONFIG, "all");
            all.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            // one request in flight per broker, as in TraceReplayer: with more, the first batch to
            // a just-created partition can fail, and its retry is then rejected as out of order
            // again and again (OutOfOrderSequenceException on the broker) while later batches to
            // other topics go through: records arrive seconds late, behind the job's watermark
            all.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
            all.putAll(properties);
            return new AvroProducer(all);
        }
    }
}
