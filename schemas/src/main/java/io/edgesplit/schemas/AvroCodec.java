package io.edgesplit.schemas;

import io.edgesplit.schemas.AvroDecodeException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.io.DatumReader;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro type in Avro's single-object encoding: the marker {@code
 * C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer schema, then the binary
 * body. The fingerprint picks one of the type's bundled versions as the writer schema (the current
 * schema and {@code avro-history/<Type>/v<N>.avsc}), so records written with an older version
 * decode into the current class without a registry server.
 *
 * <p>Encoding uses Avro's {@link BinaryMessageEncoder}. Decoding reads the header itself (to name
 * the problem when it is wrong) and the body with a decoder that refuses length prefixes larger
 * than the input: Avro's {@code BinaryMessageDecoder} trusts them and a few garbage bytes can make
 * it allocate gigabytes.
 *
 * <p>Instances are immutable and thread-safe; {@link #of(Class)} caches one per type, so call it
 * freely.
 *
 * @param <T> the generated record class
 */
public final class AvroCodec<T extends SpecificRecord> {

    /** The single-object encoding marker. */
    public static final byte MARKER_0 = (byte) 0xC3;

    public static final byte MARKER_1 = (byte) 0x01;

    /** Marker plus fingerprint. */
    public static final int HEADER_BYTES = 10;

    private static final Map<Class<?>, AvroCodec<?>> CACHE = new ConcurrentHashMap<>();

    private final Class<T> type;
    private final String typeName;
    private final Schema schema;
    private final SpecificData model;
    private final BinaryMessageEncoder<T> encoder;
    private final Map<Long, DatumReader<T>> readers;

    private AvroCodec(Class<T> type, Collection<Schema> writerSchemas) {
        this.type = type;
        this.typeName = type.getSimpleName();
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        Map<Long, DatumReader<T>> byFingerprint = new HashMap<>();
        List<Schema> all = new ArrayList<>(writerSchemas);
        all.add(schema);
        for (Schema writer : all) {
            SchemaCompatibilityType compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(schema, writer).getType();
            if (compatibility != SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException(
                        "writer schema "
                                + hex(AvroSchemas.fingerprint(writer))
                                + " cannot be read by the current "
                                + typeName
                                + " schema: fix the schema so it stays backward compatible");
            }
            @SuppressWarnings("unchecked")
            DatumReader<T> reader = (DatumReader<T>) model.createDatumReader(writer, schema);
            byFingerprint.put(AvroSchemas.fingerprint(writer), reader);
        }
        this.readers = Map.copyOf(byFingerprint);
    }

    /**
     * The codec for a generated type, reading the current schema and every bundled historical
     * version of it.
     */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return (AvroCodec<T>)
                CACHE.computeIfAbsent(type, t -> new AvroCodec<>(type, AvroSchemas.history(type)));
    }

    /**
     * A codec that also reads records written with {@code extraWriterSchemas} (for example versions
     * a producer uses that were never released here). Not cached.
     *
     * @throws IllegalArgumentException if the current schema cannot read one of them
     */
    public static <T extends SpecificRecord> AvroCodec<T> of(
            Class<T> type, Collection<Schema> extraWriterSchemas) {
        Objects.requireNonNull(type, "type");
        List<Schema> writers = new ArrayList<>(AvroSchemas.history(type));
        writers.addAll(extraWriterSchemas);
        return new AvroCodec<>(type, writers);
    }

    /** The generated class. */
    public Class<T> type() {
        return type;
    }

    /** The current (reader and writer) schema. */
    public Schema schema() {
        return schema;
    }

    /** Number of distinct writer schemas this codec decodes. */
    public int knownVersions() {
        return readers.size();
    }

    /**
     * Encodes a record with the current schema.
     *
     * @throws IllegalArgumentException if the record is invalid (e.g. a required field is null)
     */
    public byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + typeName + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a single-object encoded value into the current class.
     *
     * @throws AvroDecodeException with a one-line message naming the problem
     */
    public T decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new AvroDecodeException(
                    Kind.EMPTY,
                    bytes == null
                            ? "null value (tombstone) where " + typeName + " was expected"
                            : "empty value where " + typeName + " was expected");
        }
        boolean markerOk = bytes[0] == MARKER_0 && (bytes.length < 2 || bytes[1] == MARKER_1);
        if (!markerOk) {
            throw new AvroDecodeException(
                    Kind.BAD_MARKER,
                    "not Avro single-object encoded (bad marker 0x" + marker(bytes) + ")");
        }
        if (bytes.length < HEADER_BYTES) {
            throw new AvroDecodeException(
                    Kind.TRUNCATED,
                    "truncated record: "
                            + bytes.length
                            + " bytes, shorter than the "
                            + HEADER_BYTES
                            + "-byte single-object header");
        }
        long fingerprint = fingerprint(bytes);
        DatumReader<T> reader = readers.get(fingerprint);
        if (reader == null) {
            throw unknown(fingerprint);
        }
        BoundedDecoder decoder =
                new BoundedDecoder(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new AvroDecodeException(
                    Kind.TRUNCATED,
                    "truncated record: "
                            + typeName
                            + " body of "
                            + (bytes.length - HEADER_BYTES)
                            + " bytes ends early"
                            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new AvroDecodeException(
                    Kind.MALFORMED, "malformed " + typeName + " record: " + describe(e), e);
        }
        if (decoder.remaining() > 0) {
            throw new AvroDecodeException(
                    Kind.MALFORMED,
                    "malformed "
                            + typeName
                            + " record: "
                            + decoder.remaining()
                            + " bytes left after the end of the record");
        }
        return record;
    }

    /**
     * The writer-schema fingerprint in a single-object encoded value's header.
     *
     * @throws IllegalArgumentException if the value is shorter than the header
     */
    public static long fingerprint(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new IllegalArgumentException(
                    "a single-object encoded value has at least " + HEADER_BYTES + " bytes");
        }
        long fp = 0;
        for (int i = HEADER_BYTES - 1; i >= 2; i--) {
            fp = (fp << 8) | (bytes[i] & 0xFF);
        }
        return fp;
    }

    private AvroDecodeException unknown(long fingerprint) {
        return AvroSchemas.typeOf(fingerprint)
                .map(
                        other ->
                                new AvroDecodeException(
                                        Kind.WRONG_TYPE,
                                        "record of type "
                                                + other
                                                + " where "
                                                + typeName
                                                + " was expected"))
                .orElseGet(
                        () ->
                                new AvroDecodeException(
                                        Kind.UNKNOWN_FINGERPRINT,
                                        "unknown schema fingerprint "
                                                + hex(fingerprint)
                                                + " (not one of the "
                                                + readers.size()
                                                + " bundled "
                                                + typeName
                                                + " versions)"));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank()
                ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }

    private static String marker(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(2, bytes.length); i++) {
            hex.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return hex.toString();
    }

    static String hex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }
}
