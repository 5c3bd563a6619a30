package io.edgesplit.kafka.sink;

import io.edgesplit.schemas.AvroCodec;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Maps a job record to its Avro type and writes it single-object encoded, keyed by {@code
 * keyExtractor}. The Kafka timestamp is the producer's clock, not the Flink record's timestamp: the
 * event time travels inside the payload, and a replayed trace's old event times as Kafka timestamps
 * would fall to the topic's retention at once (and records emitted on end of input carry {@code
 * Long.MAX_VALUE}, which brokers refuse).
 *
 * @param <R> the job's type
 * @param <A> generated Avro type on the wire
 */
public final class AvroRecordSerializer<R, A extends SpecificRecord>
        implements KafkaRecordSerializationSchema<R> {

    private static final long serialVersionUID = 1L;

    /** Bytes kept free for Kafka's per-record and per-batch headers. */
    public static final int RECORD_OVERHEAD_BYTES = 512;

    private final String topic;
    private final Class<A> avroType;
    private final SerializableFunction<R, A> mapper;
    private final SerializableFunction<R, byte[]> keyExtractor;
    private final long maxMessageBytes;

    private transient AvroCodec<A> codec;

    AvroRecordSerializer(
            String topic,
            Class<A> avroType,
            SerializableFunction<R, A> mapper,
            SerializableFunction<R, byte[]> keyExtractor,
            long maxMessageBytes) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.avroType = Objects.requireNonNull(avroType, "avroType");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.keyExtractor = Objects.requireNonNull(keyExtractor, "keyExtractor");
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void open(
            SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = AvroCodec.of(avroType);
    }

    /**
     * @throws IllegalArgumentException if the encoded record is larger than the max message size (a
     *     configuration problem: the broker would refuse it)
     */
    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            R element, KafkaSinkContext context, Long timestamp) {
        if (codec == null) {
            codec = AvroCodec.of(avroType);
        }
        byte[] value = codec.encode(mapper.apply(element));
        byte[] key = keyExtractor.apply(element);
        long size = (long) value.length + (key == null ? 0 : key.length);
        if (size + RECORD_OVERHEAD_BYTES > maxMessageBytes) {
            throw new IllegalArgumentException(
                    avroType.getSimpleName()
                            + " record of "
                            + size
                            + " bytes for topic "
                            + topic
                            + " exceeds the max message size of "
                            + maxMessageBytes
                            + " bytes (less "
                            + RECORD_OVERHEAD_BYTES
                            + " for headers): raise edgesplit.kafka.max-message-bytes and the"
                            + " broker's message.max.bytes, or send smaller (fp16) tensors");
        }
        return new ProducerRecord<>(topic, null, null, key, value);
    }

    /** The topic written to. */
    public String topic() {
        return topic;
    }
}
