package io.edgesplit.kafka.recording;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Opens a trace directory written by {@link TraceWriter}: checks the manifest and every file it
 * lists (present, of the recorded size, an edgesplit trace container of the right topic), then
 * streams the records merged in timestamp order.
 *
 * <pre>{@code
 * TraceReader trace = TraceReader.open(dir);          // InvalidTraceException if anything is off
 * try (TraceCursor records = trace.records(List.of())) {
 *     while (records.hasNext()) { TraceRecord r = records.next(); ... }
 * }
 * }</pre>
 *
 * <p>Every problem is an {@link InvalidTraceException} whose one-line message names the file and
 * what is wrong with it.
 */
public final class TraceReader {

    private final Path dir;
    private final TraceManifest manifest;

    private TraceReader(Path dir, TraceManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /**
     * Opens and checks a trace directory.
     *
     * @throws InvalidTraceException if the directory, its manifest or one of its files is missing,
     *     corrupt or inconsistent
     */
    public static TraceReader open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.exists(dir)) {
            throw new InvalidTraceException(dir, "not found: give a trace directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidTraceException(
                    dir, "not a directory: a trace is a directory with a manifest.json");
        }
        Path manifestFile = dir.resolve(TraceManifest.FILE_NAME);
        TraceManifest manifest = ManifestJson.read(manifestFile);
        check(dir, manifestFile, manifest);
        return new TraceReader(dir, manifest);
    }

    /** The trace directory. */
    public Path dir() {
        return dir;
    }

    /** The checked manifest. */
    public TraceManifest manifest() {
        return manifest;
    }

    /**
     * The records of {@code topics} (all topics when empty), merged across files in timestamp
     * order: the stream whose next record has the smallest timestamp goes first, ties go to the
     * topic listed first in the manifest, then to the lower partition. Each file's own order
     * (offset order) is kept, so records of one partition, and hence of one key, keep their order.
     *
     * @throws IllegalArgumentException if a topic is not in the trace
     */
    public TraceCursor records(Collection<String> topics) {
        Set<String> wanted = new LinkedHashSet<>(topics);
        for (String t : wanted) {
            if (manifest.topic(t) == null) {
                throw new IllegalArgumentException(notInTrace("topic", t));
            }
        }
        List<TraceCursor.Source> sources = new ArrayList<>();
        for (TraceManifest.TopicEntry t : manifest.topics()) {
            if (!wanted.isEmpty() && !wanted.contains(t.name())) {
                continue;
            }
            for (TraceManifest.StreamFile f : t.files()) {
                if (f.records() > 0) {
                    sources.add(new TraceCursor.Source(t.name(), dir.resolve(f.path()), f));
                }
            }
        }
        return new TraceCursor(sources);
    }

    /** The message for a {@code what} (e.g. "topic") that this trace does not hold. */
    String notInTrace(String what, String topic) {
        return what
                + " '"
                + topic
                + "' is not in the trace "
                + dir
                + " (it has "
                + String.join(", ", manifest.topicNames())
                + ")";
    }

    /**
     * Reads every record once, checking counts and checksums (what a replay would hit at the end of
     * each file).
     *
     * @return the number of records read
     * @throws InvalidTraceException at the first problem
     */
    public long verify() {
        long n = 0;
        try (TraceCursor c = records(List.of())) {
            while (c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n;
    }

    private static void check(Path dir, Path manifestFile, TraceManifest m) {
        if (!TraceManifest.FORMAT.equals(m.format())) {
            throw new InvalidTraceException(
                    manifestFile,
                    "format '"
                            + m.format()
                            + "' is not '"
                            + TraceManifest.FORMAT
                            + "': not an edgesplit trace manifest");
        }
        if (m.formatVersion() > TraceManifest.VERSION || m.formatVersion() < 1) {
            throw new InvalidTraceException(
                    manifestFile,
                    "format version "
                            + m.formatVersion()
                            + " is not one this edgesplit reads (1.."
                            + TraceManifest.VERSION
                            + "): use a matching edgesplit version");
        }
        try {
            TraceCompression.fromName(m.compression());
        } catch (IllegalArgumentException e) {
            throw new InvalidTraceException(manifestFile, e.getMessage());
        }
        Set<String> names = new HashSet<>();
        long records = 0;
        for (TraceManifest.TopicEntry t : m.topics()) {
            if (!names.add(t.name())) {
                throw new InvalidTraceException(
                        manifestFile, "topic '" + t.name() + "' is listed twice");
            }
            long inFiles = 0;
            for (TraceManifest.StreamFile f : t.files()) {
                inFiles += f.records();
                checkFile(dir, manifestFile, t.name(), f);
            }
            if (inFiles != t.records()) {
                throw new InvalidTraceException(
                        manifestFile,
                        "topic '"
                                + t.name()
                                + "' has "
                                + t.records()
                                + " records but its files have "
                                + inFiles);
            }
            records += t.records();
        }
        if (records != m.records()) {
            throw new InvalidTraceException(
                    manifestFile,
                    "says " + m.records() + " records but its topics have " + records);
        }
    }

    private static void checkFile(
            Path dir, Path manifestFile, String topic, TraceManifest.StreamFile f) {
        Path base = dir.toAbsolutePath().normalize();
        Path file = base.resolve(f.path()).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new InvalidTraceException(
                    manifestFile, "file '" + f.path() + "' is outside the trace directory");
        }
        Path shown = dir.resolve(f.path());
        if (!Files.isRegularFile(file)) {
            throw new InvalidTraceException(shown, "not found (listed in manifest.json)");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidTraceException(shown, "cannot be read: " + e.getMessage());
        }
        if (size != f.fileBytes()) {
            throw new InvalidTraceException(
                    shown,
                    size
                            + " bytes, manifest.json says "
                            + f.fileBytes()
                            + ": the file is truncated or was changed");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
                DataFileStream<GenericRecord> avro =
                        new DataFileStream<>(in, new GenericDatumReader<>())) {
            long fp = SchemaNormalization.parsingFingerprint64(avro.getSchema());
            if (fp != TraceEnvelope.FINGERPRINT) {
                throw new InvalidTraceException(
                        shown,
                        "has record schema "
                                + avro.getSchema().getFullName()
                                + " ("
                                + TraceWriter.hex(fp)
                                + "), not the edgesplit trace record schema");
            }
            String metaTopic = avro.getMetaString(TraceWriter.META_TOPIC);
            if (!topic.equals(metaTopic)) {
                throw new InvalidTraceException(
                        shown,
                        "holds topic '"
                                + metaTopic
                                + "' but manifest.json lists it under '"
                                + topic
                                + "'");
            }
        } catch (InvalidTraceException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InvalidTraceException(
                    shown, "not an Avro container file: " + TraceCursor.describe(e), e);
        }
    }

    /** CRC-32 of what passed through, as the manifest writes it. */
    static String crcHex(CRC32 crc) {
        return String.format("%08x", crc.getValue());
    }
}
