package io.edgesplit.kafka.source;

import io.edgesplit.kafka.Decoded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Entry point for Kafka sources of Avro single-object encoded topics that emit {@link Decoded}
 * values and dead letters:
 *
 * <pre>{@code
 * KafkaSource<Decoded<Telemetry>> source =
 *         AvroKafkaSource.builder(DeviceTelemetry.class, TelemetryMapping::fromAvro, telemetryType)
 *                 .applyOptions(config)
 *                 .setTopic(topics.telemetry())
 *                 .build();
 * }</pre>
 */
public final class AvroKafkaSource {

    private AvroKafkaSource() {}

    /**
     * A builder for a source of {@code avroType} records mapped to the job's type.
     *
     * @param avroType generated Avro class expected on the topic
     * @param mapper maps a decoded record to the job's type (serializable); throw {@link
     *     IllegalArgumentException} with a one-line message to send a record to the dead letters
     * @param valueType Flink type information of the job's type
     */
    public static <A extends SpecificRecord, R> AvroKafkaSourceBuilder<A, R> builder(
            Class<A> avroType, SerializableFunction<A, R> mapper, TypeInformation<R> valueType) {
        return new AvroKafkaSourceBuilder<>(
                new DecodingDeserializer<>(avroType, mapper, valueType), avroType);
    }

    /** The deserializer alone, for a {@link KafkaSource} built by hand. */
    public static <A extends SpecificRecord, R> DecodingDeserializer<A, R> deserializer(
            Class<A> avroType, SerializableFunction<A, R> mapper, TypeInformation<R> valueType) {
        return new DecodingDeserializer<>(avroType, mapper, valueType);
    }
}
