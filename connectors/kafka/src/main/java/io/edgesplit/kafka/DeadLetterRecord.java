package io.edgesplit.kafka;

import io.edgesplit.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An input record the job could not use: where it came from, why, and its bytes as received. Goes
 * to the dead-letter topic as an Avro {@link DeadLetter}.
 *
 * @param sourceTopic topic the record was read from
 * @param partition partition it was read from
 * @param offset its offset in that partition
 * @param key its key bytes, or null
 * @param reason one-line reason it was rejected
 * @param raw its value bytes as received, or null for a null value
 * @param timestamp the source record's timestamp (epoch ms), so replays give the same dead letters
 */
public record DeadLetterRecord(
        String sourceTopic,
        int partition,
        long offset,
        byte[] key,
        String reason,
        byte[] raw,
        long timestamp) {

    public DeadLetterRecord {
        Objects.requireNonNull(sourceTopic, "sourceTopic");
        Objects.requireNonNull(reason, "reason");
    }

    /** A dead letter for a consumed record. */
    public static DeadLetterRecord of(ConsumerRecord<byte[], byte[]> record, String reason) {
        return new DeadLetterRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                reason,
                record.value(),
                record.timestamp());
    }

    /** Flink type information (a POJO, no Kryo). */
    public static TypeInformation<DeadLetterRecord> typeInfo() {
        return TypeInformation.of(DeadLetterRecord.class);
    }

    /** The Avro record written to the dead-letter topic. */
    public DeadLetter toAvro() {
        return DeadLetter.newBuilder()
                .setSourceTopic(sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setReason(reason)
                .setRaw(raw == null ? null : ByteBuffer.wrap(raw))
                .setTimestamp(Instant.ofEpochMilli(timestamp))
                .build();
    }

    /** The inverse of {@link #toAvro()}. */
    public static DeadLetterRecord fromAvro(DeadLetter deadLetter) {
        return new DeadLetterRecord(
                deadLetter.getSourceTopic(),
                deadLetter.getPartition(),
                deadLetter.getOffset(),
                bytes(deadLetter.getKey()),
                deadLetter.getReason(),
                bytes(deadLetter.getRaw()),
                deadLetter.getTimestamp().toEpochMilli());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetterRecord d
                && sourceTopic.equals(d.sourceTopic)
                && partition == d.partition
                && offset == d.offset
                && Arrays.equals(key, d.key)
                && reason.equals(d.reason)
                && Arrays.equals(raw, d.raw)
                && timestamp == d.timestamp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                sourceTopic,
                partition,
                offset,
                Arrays.hashCode(key),
                reason,
                Arrays.hashCode(raw),
                timestamp);
    }

    @Override
    public String toString() {
        return "DeadLetterRecord["
                + sourceTopic
                + "-"
                + partition
                + "@"
                + offset
                + ", reason="
                + reason
                + ", key="
                + (key == null
                        ? "null"
                        : HexFormat.of().formatHex(key, 0, Math.min(key.length, 32)))
                + ", raw="
                + (raw == null ? "null" : raw.length + " bytes")
                + ", timestamp="
                + timestamp
                + "]";
    }
}
