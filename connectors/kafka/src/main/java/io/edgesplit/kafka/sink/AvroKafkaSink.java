package io.edgesplit.kafka.sink;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.kafka.DeadLetterRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Entry point for Kafka sinks that write the job's records as Avro single-object encoded values:
 *
 * <pre>{@code
 * KafkaSink<Result> results =
 *         AvroKafkaSink.builder(InferenceResult.class, ResultMapping::toAvro)
 *                 .applyOptions(config)
 *                 .setTopic(topics.results())
 *                 .setKeyExtractor(Result::deviceId)
 *                 .build();
 * KafkaSink<DeadLetterRecord> deadLetters =
 *         AvroKafkaSink.deadLetters().applyOptions(config).setTopic(topics.deadLetters()).build();
 * }</pre>
 */
public final class AvroKafkaSink {

    private AvroKafkaSink() {}

    /**
     * A builder for a sink of the job's records.
     *
     * @param avroType generated Avro class written to the topic
     * @param mapper maps a job record to its Avro form (serializable)
     */
    public static <R, A extends SpecificRecord> AvroKafkaSinkBuilder<R, A> builder(
            Class<A> avroType, SerializableFunction<R, A> mapper) {
        return new AvroKafkaSinkBuilder<>(avroType, mapper);
    }

    /**
     * A builder for the dead-letter sink: writes {@link DeadLetterRecord}s as Avro {@link
     * DeadLetter}s, keyed by the source record's original key bytes. A raw value too large to fit
     * the max message size next to the rest of the dead letter is cut, and the reason says so, so
     * that an oversized bad record cannot fail the job.
     */
    public static AvroKafkaSinkBuilder<DeadLetterRecord, DeadLetter> deadLetters() {
        return new AvroKafkaSinkBuilder<DeadLetterRecord, DeadLetter>(
                        DeadLetter.class, DeadLetterToAvro::new)
                .setRawKeyExtractor(DeadLetterRecord::key);
    }
}
