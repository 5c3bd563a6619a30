package io.edgesplit.kafka.recording;

import io.edgesplit.schemas.AvroCodec;
import io.edgesplit.schemas.AvroSchemas;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes a trace directory: one Avro container file per topic partition ({@code
 * <topic>/partition-<N>.avro}, or {@code <topic>/records.avro} for generated records) and, when it
 * closes, {@code manifest.json}. Records of one partition must be appended in offset order; the
 * writer keeps the append order inside each file. Not thread-safe.
 *
 * <pre>{@code
 * try (TraceWriter w = TraceWriter.builder(dir).createdBy("edgesplit record 0.1").create()) {
 *     w.append(TraceRecord.of(consumerRecord));
 * }   // writes manifest.json
 * }</pre>
 *
 * <p>Files are written deterministically (the Avro sync marker is derived from the file's path), so
 * the same records, manifest settings and creation time give byte-identical directories.
 */
public final class TraceWriter implements AutoCloseable {

    /** Container-file metadata key naming the topic. */
    static final String META_TOPIC = "edgesplit.topic";

    /** Container-file metadata key naming the partition ({@code none} for generated records). */
    static final String META_PARTITION = "edgesplit.partition";

    private final Path dir;
    private final String createdBy;
    private final Instant createdAt;
    private final Map<String, String> source;
    private final TraceCompression compression;
    private final Map<String, TopicState> topics = new LinkedHashMap<>();
    private final GenericDatumWriter<GenericRecord> datumWriter =
            new GenericDatumWriter<>(TraceEnvelope.SCHEMA);
    private long records;
    private long bytes;
    private TraceManifest manifest;

    private TraceWriter(Builder b) {
        this.dir = b.dir;
        this.createdBy = b.createdBy;
        this.createdAt = b.createdAt;
        this.source = new LinkedHashMap<>(b.source);
        this.compression = b.compression;
        for (String topic : b.topics) {
            topics.put(topic, new TopicState(checkTopic(topic)));
        }
    }

    /** A builder for a trace in {@code dir}, which must not exist or be empty. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** The trace directory. */
    public Path dir() {
        return dir;
    }

    /** Records appended so far. */
    public long records() {
        return records;
    }

    /** Key plus value bytes appended so far. */
    public long bytes() {
        return bytes;
    }

    /**
     * Appends a record to its topic partition's file.
     *
     * @throws IllegalStateException after {@link #finish()}
     */
    public void append(TraceRecord record) {
        Objects.requireNonNull(record, "record");
        if (manifest != null) {
            throw new IllegalStateException("trace " + dir + " is already finished");
        }
        TopicState t = topics.get(record.topic());
        if (t == null) {
            t = new TopicState(checkTopic(record.topic()));
            topics.put(record.topic(), t);
        }
        t.append(record);
        records++;
        bytes += record.sizeBytes();
    }

    /**
     * Closes every file and writes {@code manifest.json}; idempotent.
     *
     * @return the manifest written
     */
    public TraceManifest finish() {
        if (manifest != null) {
            return manifest;
        }
        List<TraceManifest.TopicEntry> entries = new ArrayList<>();
        Long first = null;
        Long last = null;
        IOException failure = null;
        for (TopicState t : topics.values()) {
            try {
                entries.add(t.finish());
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                continue;
            }
            first = min(first, t.first);
            last = max(last, t.last);
        }
        if (failure != null) {
            throw new UncheckedIOException(
                    "cannot finish trace " + dir + ": " + failure.getMessage(), failure);
        }
        manifest =
                new TraceManifest(
                        TraceManifest.FORMAT,
                        TraceManifest.VERSION,
                        createdBy,
                        createdAt.toString(),
                        source,
                        compression.cliName(),
                        records,
                        bytes,
                        first,
                        last,
                        entries);
        ManifestJson.write(manifest, dir.resolve(TraceManifest.FILE_NAME));
        return manifest;
    }

    /** {@link #finish()}. */
    @Override
    public void close() {
        finish();
    }

    /** Topic names become directory names next to the manifest. */
    private static String checkTopic(String topic) {
        if (topic.startsWith(TraceManifest.FILE_NAME)) {
            throw new IllegalArgumentException(
                    "topic '"
                            + topic
                            + "' cannot be stored in a trace: its directory would clash with "
                            + TraceManifest.FILE_NAME);
        }
        return topic;
    }

    private static Long min(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    /** What the writer knows about one topic. */
    private final class TopicState {
        final String name;
        final Map<Integer, StreamState> streams = new TreeMap<>();
        final Map<Long, long[]> fingerprints = new LinkedHashMap<>();
        long records;
        long bytes;
        long otherValues;
        Long first;
        Long last;

        TopicState(String name) {
            this.name = name;
        }

        void append(TraceRecord r) {
            StreamState s = streams.get(r.partition());
            if (s == null) {
                s = new StreamState(name, r.partition());
                streams.put(r.partition(), s);
            }
            s.append(r);
            records++;
            bytes += r.sizeBytes();
            if (r.timestamp() >= 0) {
                first = min(first, r.timestamp());
                last = max(last, r.timestamp());
            }
            if (singleObjectEncoded(r.value())) {
                fingerprints
                        .computeIfAbsent(AvroCodec.fingerprint(r.value()), k -> new long[1])[0]++;
            } else {
                otherValues++;
            }
        }

        TraceManifest.TopicEntry finish() throws IOException {
            List<TraceManifest.StreamFile> files = new ArrayList<>();
            IOException failure = null;
            for (StreamState s : streams.values()) {
                try {
                    files.add(s.finish());
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            List<TraceManifest.SchemaCount> schemas = new ArrayList<>();
            fingerprints.forEach(
                    (fp, n) ->
                            schemas.add(
                                    new TraceManifest.SchemaCount(
                                            hex(fp), AvroSchemas.typeOf(fp).orElse(null), n[0])));
            return new TraceManifest.TopicEntry(
                    name, records, bytes, first, last, schemas, otherValues, files);
        }
    }

    /** One open container file. */
    private final class StreamState {
        final String relativePath;
        final Path file;
        final Integer partition;
        final CRC32 crc = new CRC32();
        final DataFileWriter<GenericRecord> writer;
        long records;
        Long firstOffset;
        Long lastOffset;
        Long first;
        Long last;

        StreamState(String topic, int partition) {
            this.partition = partition == TraceRecord.NO_PARTITION ? null : partition;
            this.relativePath =
                    topic
                            + "/"
                            + (this.partition == null
                                    ? "records.avro"
                                    : "partition-" + partition + ".avro");
            this.file = dir.resolve(relativePath);
            DataFileWriter<GenericRecord> w = new DataFileWriter<>(datumWriter);
            try {
                Files.createDirectories(file.getParent());
                OutputStream out =
                        new CheckedOutputStream(
                                new BufferedOutputStream(Files.newOutputStream(file), 1 << 16),
                                crc);
                w.setCodec(compression.codec());
                w.setMeta(META_TOPIC, topic);
                w.setMeta(
                        META_PARTITION,
                        this.partition == null ? "none" : Integer.toString(partition));
                w.create(TraceEnvelope.SCHEMA, out, syncMarker(relativePath));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
            }
            this.writer = w;
        }

        void append(TraceRecord r) {
            try {
                writer.append(TraceEnvelope.toAvro(r));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            records++;
            if (r.recorded()) {
                if (firstOffset == null) {
                    firstOffset = r.offset();
                }
                lastOffset = r.offset();
            }
            if (r.timestamp() >= 0) {
                first = min(first, r.timestamp());
                last = max(last, r.timestamp());
            }
        }

        TraceManifest.StreamFile finish() throws IOException {
            writer.close();
            return new TraceManifest.StreamFile(
                    relativePath,
                    partition,
                    records,
                    Files.size(file),
                    TraceReader.crcHex(crc),
                    firstOffset,
                    lastOffset,
                    first,
                    last);
        }
    }

    /** Avro wants a random sync marker; a hash of the path keeps the output reproducible. */
    private static byte[] syncMarker(String relativePath) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest(("edgesplit-trace:" + relativePath).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** Whether {@code value} starts with an Avro single-object header (marker and fingerprint). */
    static boolean singleObjectEncoded(byte[] value) {
        return value != null
                && value.length >= AvroCodec.HEADER_BYTES
                && value[0] == AvroCodec.MARKER_0
                && value[1] == AvroCodec.MARKER_1;
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }

    /** Settings of a {@link TraceWriter}. */
    public static final class Builder {
        private final Path dir;
        private String createdBy = "edgesplit";
        private Instant createdAt;
        private final Map<String, String> source = new LinkedHashMap<>();
        private TraceCompression compression = TraceCompression.NONE;
        private final List<String> topics = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /** The tool that writes the trace, e.g. {@code edgesplit record 0.1.0}. */
        public Builder createdBy(String createdBy) {
            this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
            return this;
        }

        /** Creation time in the manifest; default: now. Fix it for reproducible output. */
        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /** A provenance entry of the manifest (kept in insertion order). */
        public Builder source(String key, String value) {
            source.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Block compression; default none. */
        public Builder compression(TraceCompression compression) {
            this.compression = Objects.requireNonNull(compression, "compression");
            return this;
        }

        /**
         * Topics listed first in the manifest, in this order, even if they get no records (other
         * topics follow in the order of their first record). A replay breaks timestamp ties in
         * manifest order.
         */
        public Builder topics(List<String> names) {
            for (String n : names) {
                if (!topics.contains(n)) {
                    topics.add(n);
                }
            }
            return this;
        }

        /**
         * Checks the directory and opens the writer.
         *
         * @throws IllegalArgumentException if {@code dir} is a file or a non-empty directory
         */
        public TraceWriter create() {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                        dir + ": is a file; write the trace to a new or empty directory");
            }
            try {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> entries = Files.list(dir)) {
                        if (entries.findAny().isPresent()) {
                            throw new IllegalArgumentException(
                                    dir
                                            + ": not empty; write the trace to a new or empty"
                                            + " directory");
                        }
                    }
                }
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
            }
            if (createdAt == null) {
                createdAt = Instant.now();
            }
            return new TraceWriter(this);
        }
    }
}
