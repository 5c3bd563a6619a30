package io.edgesplit.kafka.recording;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * One Kafka record of a trace: where it came from, its timestamp, and its key, value and headers
 * exactly as on the wire. Equality compares the bytes.
 *
 * @param topic topic it was read from (or is meant for, for generated records)
 * @param partition partition it was read from, or {@link #NO_PARTITION} for generated records
 * @param offset offset it was read from, or {@link #NO_OFFSET} for generated records
 * @param timestamp Kafka timestamp, epoch ms ({@code -1}: none)
 * @param timestampType who set the timestamp
 * @param key key bytes, or null
 * @param value value bytes, or null (a tombstone)
 * @param headers headers in their order
 */
public record TraceRecord(
        String topic,
        int partition,
        long offset,
        long timestamp,
        TimestampType timestampType,
        byte[] key,
        byte[] value,
        List<TraceHeader> headers) {

    /** Partition of a generated record. */
    public static final int NO_PARTITION = -1;

    /** Offset of a generated record. */
    public static final long NO_OFFSET = -1;

    public TraceRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestampType, "timestampType");
        headers = List.copyOf(headers);
        if (partition < NO_PARTITION) {
            throw new IllegalArgumentException("partition " + partition + " is negative");
        }
        if ((partition == NO_PARTITION) != (offset == NO_OFFSET) || offset < NO_OFFSET) {
            throw new IllegalArgumentException(
                    "partition "
                            + partition
                            + " and offset "
                            + offset
                            + " must both be set (>= 0) or both be -1 (a generated record)");
        }
    }

    /** A record read from Kafka, with its bytes as they are. */
    public static TraceRecord of(ConsumerRecord<byte[], byte[]> record) {
        List<TraceHeader> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(new TraceHeader(h.key(), h.value()));
        }
        return new TraceRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                record.timestamp(),
                record.timestampType(),
                record.key(),
                record.value(),
                headers);
    }

    /** A generated record (no source partition or offset) with a UTF-8 key. */
    public static TraceRecord generated(String topic, String key, byte[] value, long timestamp) {
        return new TraceRecord(
                topic,
                NO_PARTITION,
                NO_OFFSET,
                timestamp,
                TimestampType.CREATE_TIME,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                List.of());
    }

    /** Whether the record came from Kafka (it has a partition and offset). */
    public boolean recorded() {
        return partition != NO_PARTITION;
    }

    /** The key as UTF-8 text, or null. */
    public String keyString() {
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** Key plus value bytes. */
    public long sizeBytes() {
        return (key == null ? 0L : key.length) + (value == null ? 0L : value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceRecord r
                && topic.equals(r.topic)
                && partition == r.partition
                && offset == r.offset
                && timestamp == r.timestamp
                && timestampType == r.timestampType
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(topic, partition, offset, timestamp, timestampType, headers);
        return 31 * (31 * h + Arrays.hashCode(key)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return String.format(
                "TraceRecord[%s-%d@%d, ts=%d %s, key=%s, value=%s, headers=%s]",
                topic,
                partition,
                offset,
                timestamp,
                timestampType,
                keyString(),
                value == null ? "null" : value.length + " bytes",
                headers);
    }
}
