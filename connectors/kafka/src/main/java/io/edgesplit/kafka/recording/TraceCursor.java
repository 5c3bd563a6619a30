package io.edgesplit.kafka.recording;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * The records of a trace, merged across its files in timestamp order (see {@link
 * TraceReader#records}). Holds one record per file in memory. At the end of each file it checks the
 * record count and CRC-32 against the manifest. Close it to release the files.
 */
public final class TraceCursor implements Iterator<TraceRecord>, AutoCloseable {

    /** One file to read. */
    record Source(String topic, Path file, TraceManifest.StreamFile entry) {}

    private final List<Stream> streams = new ArrayList<>();
    private final PriorityQueue<Stream> heads =
            new PriorityQueue<>(
                    Comparator.<Stream>comparingLong(s -> s.head.timestamp())
                            .thenComparingInt(s -> s.index));

    TraceCursor(List<Source> sources) {
        try {
            for (Source s : sources) {
                Stream stream = new Stream(s, streams.size());
                streams.add(stream);
                if (stream.advance()) {
                    heads.add(stream);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public TraceRecord next() {
        Stream s = heads.poll();
        if (s == null) {
            throw new NoSuchElementException();
        }
        TraceRecord r = s.head;
        if (s.advance()) {
            heads.add(s);
        }
        return r;
    }

    /** Closes every file. */
    @Override
    public void close() {
        heads.clear();
        for (Stream s : streams) {
            s.close();
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null && e.getCause() != null) {
            m = e.getCause().toString();
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** One container file being read. */
    private static final class Stream {
        final Source source;
        final int index;
        final CRC32 crc = new CRC32();
        final CheckedInputStream checked;
        final DataFileStream<GenericRecord> avro;
        GenericRecord reuse;
        TraceRecord head;
        long read;
        boolean closed;

        Stream(Source source, int index) {
            this.source = source;
            this.index = index;
            InputStream raw;
            try {
                raw = Files.newInputStream(source.file());
            } catch (IOException e) {
                throw new InvalidTraceException(source.file(), "cannot be read: " + describe(e), e);
            }
            this.checked = new CheckedInputStream(raw, crc);
            try {
                this.avro =
                        new DataFileStream<>(
                                new BufferedInputStream(checked, 1 << 16),
                                new GenericDatumReader<>(TraceEnvelope.SCHEMA));
            } catch (IOException | RuntimeException e) {
                closeQuietlyAfter(e);
                throw new InvalidTraceException(
                        source.file(), "not an Avro container file: " + describe(e), e);
            }
        }

        /** Reads the next record into {@link #head}; false at the end (after checking it). */
        boolean advance() {
            head = null;
            try {
                if (avro.hasNext()) {
                    reuse = avro.next(reuse);
                    head = TraceEnvelope.fromAvro(reuse, source.topic());
                    read++;
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                throw new InvalidTraceException(
                        source.file(), "corrupt after record " + read + ": " + describe(e), e);
            }
            finishAndCheck();
            return false;
        }

        private void finishAndCheck() {
            try {
                byte[] skip = new byte[8192];
                while (checked.read(skip) >= 0) {
                    // drain so the checksum covers the whole file
                }
            } catch (IOException e) {
                throw new InvalidTraceException(source.file(), "cannot be read: " + describe(e), e);
            }
            close();
            TraceManifest.StreamFile entry = source.entry();
            if (read != entry.records()) {
                throw new InvalidTraceException(
                        source.file(),
                        "holds " + read + " records, manifest.json says " + entry.records());
            }
            String actual = TraceReader.crcHex(crc);
            if (!actual.equalsIgnoreCase(entry.crc32())) {
                throw new InvalidTraceException(
                        source.file(),
                        "CRC-32 "
                                + actual
                                + " does not match manifest.json ("
                                + entry.crc32()
                                + "): the file was changed");
            }
        }

        private void closeQuietlyAfter(Exception primary) {
            try {
                checked.close();
            } catch (IOException e) {
                primary.addSuppressed(e);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (avro != null) {
                    avro.close();
                } else {
                    checked.close();
                }
            } catch (IOException e) {
                throw new InvalidTraceException(source.file(), "cannot be closed: " + e, e);
            }
        }
    }
}
