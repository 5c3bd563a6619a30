package io.edgesplit.kafka.source;

import io.edgesplit.kafka.DeadLetterRecord;
import io.edgesplit.kafka.Decoded;
import io.edgesplit.schemas.AvroCodec;
import io.edgesplit.schemas.AvroDecodeException;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes Kafka values with {@link AvroCodec} and maps them to the job's type; emits a {@link
 * Decoded} value, or a {@link Decoded} dead letter when the value is null, not single-object
 * encoded, written with an unknown schema, of another type, truncated or malformed, or when the
 * mapper rejects it with an {@link IllegalArgumentException} (semantic nonsense such as a negative
 * bandwidth). It never throws for a bad record, so one bad record cannot stop the job.
 *
 * <p>Dead letters are counted in the counter {@value #DEAD_LETTERS_METRIC} of the source reader's
 * {@code deserializer} metric group ({@code <source operator>.deserializer.deadLetters}).
 *
 * @param <A> generated Avro type on the wire
 * @param <R> the job's type
 */
public final class DecodingDeserializer<A extends SpecificRecord, R>
        implements KafkaRecordDeserializationSchema<Decoded<R>> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DecodingDeserializer.class);

    /** Name of the dead-letter counter. */
    public static final String DEAD_LETTERS_METRIC = "deadLetters";

    private final Class<A> avroType;
    private final SerializableFunction<A, R> mapper;
    private final TypeInformation<R> valueType;

    private transient AvroCodec<A> codec;
    private transient Counter deadLetters;
    private transient boolean mapperFailureLogged;

    /**
     * @param avroType generated Avro class expected on the topic
     * @param mapper maps a decoded record to the job's type; throws {@link
     *     IllegalArgumentException} with a one-line message to reject it
     * @param valueType type information of the job's type
     */
    public DecodingDeserializer(
            Class<A> avroType, SerializableFunction<A, R> mapper, TypeInformation<R> valueType) {
        this.avroType = Objects.requireNonNull(avroType, "avroType");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        codec = AvroCodec.of(avroType);
        deadLetters = context.getMetricGroup().counter(DEAD_LETTERS_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Decoded<R>> out) {
        out.collect(decode(record));
    }

    /** Decodes one record; never throws for bad input. */
    public Decoded<R> decode(ConsumerRecord<byte[], byte[]> record) {
        if (codec == null) {
            codec = AvroCodec.of(avroType);
            deadLetters = new SimpleCounter();
        }
        A decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (AvroDecodeException e) {
            return deadLetter(record, e.getMessage());
        }
        R value;
        try {
            value = mapper.apply(decoded);
        } catch (IllegalArgumentException e) {
            return deadLetter(
                    record,
                    e.getMessage() == null
                            ? "rejected " + avroType.getSimpleName() + " (no reason given)"
                            : e.getMessage());
        } catch (RuntimeException e) {
            if (!mapperFailureLogged) {
                mapperFailureLogged = true;
                LOG.warn(
                        "mapper of {} failed on {}-{}@{}; the record goes to the dead letters"
                                + " (further failures are logged at DEBUG)",
                        avroType.getSimpleName(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        e);
            }
            return deadLetter(
                    record,
                    "mapper failed on "
                            + avroType.getSimpleName()
                            + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        if (value == null) {
            return deadLetter(record, "mapper returned no value for " + avroType.getSimpleName());
        }
        return Decoded.ofValue(value);
    }

    private Decoded<R> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        deadLetters.inc();
        if (deadLetters.getCount() == 1) {
            LOG.warn(
                    "first dead letter from {}-{}@{}: {} (further ones are logged at DEBUG and"
                            + " counted in metric {})",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason,
                    DEAD_LETTERS_METRIC);
        } else {
            LOG.debug(
                    "dead letter from {}-{}@{}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    reason);
        }
        return Decoded.ofDeadLetter(DeadLetterRecord.of(record, reason));
    }

    @Override
    public TypeInformation<Decoded<R>> getProducedType() {
        return Decoded.typeInfo(valueType);
    }
}
