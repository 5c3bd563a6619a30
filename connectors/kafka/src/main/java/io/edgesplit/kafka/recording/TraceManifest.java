package io.edgesplit.kafka.recording;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of a trace directory: what it holds and where it came from. Written by
 * {@link TraceWriter} when it closes, checked by {@link TraceReader} when it opens. Timestamps are
 * Kafka record timestamps in epoch ms; "first" and "last" are the earliest and the latest.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion version of the directory layout and record schema, {@value #VERSION}
 * @param createdBy the tool that wrote it, e.g. {@code edgesplit record 0.1.0}
 * @param createdAt when, ISO-8601 (for a generated trace: the scenario start, so the bytes are
 *     reproducible)
 * @param source how the records were obtained (bootstrap servers, generator arguments, ...)
 * @param compression block compression of the container files ({@link TraceCompression})
 * @param records records in the trace
 * @param bytes key plus value bytes of all records
 * @param firstTimestamp earliest timestamp, null when empty
 * @param lastTimestamp latest timestamp, null when empty
 * @param topics one entry per topic, in the order a replay breaks timestamp ties
 */
public record TraceManifest(
        String format,
        int formatVersion,
        String createdBy,
        String createdAt,
        Map<String, String> source,
        String compression,
        long records,
        long bytes,
        Long firstTimestamp,
        Long lastTimestamp,
        List<TopicEntry> topics) {

    /** The value of {@link #format()}. */
    public static final String FORMAT = "edgesplit-trace";

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    /** File name of the manifest inside a trace directory. */
    public static final String FILE_NAME = "manifest.json";

    public TraceManifest {
        Objects.requireNonNull(format, "format");
        source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
        topics = List.copyOf(topics);
    }

    /** The entry of {@code topic}, or null. */
    public TopicEntry topic(String name) {
        for (TopicEntry t : topics) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Names of the topics, in manifest order. */
    public List<String> topicNames() {
        return topics.stream().map(TopicEntry::name).toList();
    }

    /** Latest minus earliest timestamp, 0 when empty. */
    public long spanMs() {
        return firstTimestamp == null ? 0 : lastTimestamp - firstTimestamp;
    }

    /**
     * One topic of the trace.
     *
     * @param name topic name
     * @param records its records
     * @param bytes key plus value bytes
     * @param firstTimestamp earliest timestamp, null when empty
     * @param lastTimestamp latest timestamp, null when empty
     * @param schemas the writer-schema fingerprints of its Avro single-object encoded values
     * @param otherValues values that are not single-object encoded (tombstones included)
     * @param files its container files, one per source partition
     */
    public record TopicEntry(
            String name,
            long records,
            long bytes,
            Long firstTimestamp,
            Long lastTimestamp,
            List<SchemaCount> schemas,
            long otherValues,
            List<StreamFile> files) {

        public TopicEntry {
            Objects.requireNonNull(name, "name");
            schemas = List.copyOf(schemas);
            files = List.copyOf(files);
        }

        /** Largest recorded partition + 1, or 0 for a generated topic. */
        public int partitionCount() {
            return files.stream()
                    .filter(f -> f.partition() != null)
                    .mapToInt(f -> f.partition() + 1)
                    .max()
                    .orElse(0);
        }
    }

    /**
     * Records of one writer schema.
     *
     * @param fingerprint CRC-64-AVRO fingerprint, {@code 0x} and 16 hex digits
     * @param type the bundled message type it belongs to (e.g. {@code Frame}), or null if unknown
     * @param records how many values carry it
     */
    public record SchemaCount(String fingerprint, String type, long records) {}

    /**
     * One Avro container file: the records of one source partition in offset order (or of a
     * generated topic in generation order).
     *
     * @param path path relative to the trace directory, {@code /}-separated
     * @param partition source partition, null for generated records
     * @param records records in the file
     * @param fileBytes size of the file
     * @param crc32 CRC-32 of the file's bytes, 8 hex digits
     * @param firstOffset offset of the first record, null when generated or empty
     * @param lastOffset offset of the last record, null when generated or empty
     * @param firstTimestamp earliest timestamp, null when empty
     * @param lastTimestamp latest timestamp, null when empty
     */
    public record StreamFile(
            String path,
            Integer partition,
            long records,
            long fileBytes,
            String crc32,
            Long firstOffset,
            Long lastOffset,
            Long firstTimestamp,
            Long lastTimestamp) {

        public StreamFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(crc32, "crc32");
        }
    }
}
