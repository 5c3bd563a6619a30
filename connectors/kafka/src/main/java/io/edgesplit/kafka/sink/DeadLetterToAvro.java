package io.edgesplit.kafka.sink;

import io.edgesplit.avro.DeadLetter;
import io.edgesplit.kafka.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Maps a dead letter to Avro, cutting its raw value where the whole record would not fit the max
 * message size: a bad record close to the limit must not fail the dead-letter sink.
 */
final class DeadLetterToAvro implements SerializableFunction<DeadLetterRecord, DeadLetter> {

    private static final long serialVersionUID = 1L;

    /** Room for Avro's length prefixes, the other fields and the truncation note. */
    static final int ENVELOPE_BYTES = 256;

    private final long maxMessageBytes;

    DeadLetterToAvro(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public DeadLetter apply(DeadLetterRecord d) {
        byte[] raw = d.raw();
        if (raw == null) {
            return d.toAvro();
        }
        long keyBytes = d.key() == null ? 0 : d.key().length;
        long budget =
                maxMessageBytes
                        - AvroRecordSerializer.RECORD_OVERHEAD_BYTES
                        - ENVELOPE_BYTES
                        - 2 * keyBytes // Kafka key and the key field
                        - d.sourceTopic().getBytes(StandardCharsets.UTF_8).length
                        - d.reason().getBytes(StandardCharsets.UTF_8).length;
        if (raw.length <= budget) {
            return d.toAvro();
        }
        int kept = (int) Math.max(0, budget);
        return new DeadLetterRecord(
                        d.sourceTopic(),
                        d.partition(),
                        d.offset(),
                        d.key(),
                        d.reason()
                                + " (raw value cut from "
                                + raw.length
                                + " to "
                                + kept
                                + " bytes to fit the dead-letter topic)",
                        Arrays.copyOf(raw, kept),
                        d.timestamp())
                .toAvro();
    }
}
