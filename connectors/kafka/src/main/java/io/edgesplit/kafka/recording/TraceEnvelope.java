package io.edgesplit.kafka.recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * The fixed Avro schema of the records in a trace's container files ({@code
 * edgesplit-trace/record-v1.avsc}) and the mapping between it and {@link TraceRecord}.
 */
final class TraceEnvelope {

    static final String RESOURCE = "edgesplit-trace/record-v1.avsc";

    static final Schema SCHEMA = load();

    static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);

    private static final Schema TIMESTAMP_TYPE = SCHEMA.getField("timestampType").schema();

    private static final Schema HEADER = SCHEMA.getField("headers").schema().getElementType();

    private TraceEnvelope() {}

    private static Schema load() {
        try (InputStream in = TraceEnvelope.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static GenericRecord toAvro(TraceRecord r) {
        GenericData.Record g = new GenericData.Record(SCHEMA);
        g.put("partition", r.recorded() ? r.partition() : null);
        g.put("offset", r.recorded() ? r.offset() : null);
        g.put("timestamp", r.timestamp());
        g.put(
                "timestampType",
                new GenericData.EnumSymbol(TIMESTAMP_TYPE, r.timestampType().name()));
        g.put("key", wrap(r.key()));
        g.put("value", wrap(r.value()));
        List<GenericRecord> headers = new ArrayList<>(r.headers().size());
        for (TraceHeader h : r.headers()) {
            GenericData.Record gh = new GenericData.Record(HEADER);
            gh.put("key", h.key());
            gh.put("value", wrap(h.value()));
            headers.add(gh);
        }
        g.put("headers", headers);
        return g;
    }

    static TraceRecord fromAvro(GenericRecord g, String topic) {
        Object partition = g.get("partition");
        Object offset = g.get("offset");
        List<TraceHeader> headers = new ArrayList<>();
        for (Object o : (List<?>) g.get("headers")) {
            GenericRecord h = (GenericRecord) o;
            headers.add(new TraceHeader(h.get("key").toString(), bytes(h.get("value"))));
        }
        return new TraceRecord(
                topic,
                partition == null ? TraceRecord.NO_PARTITION : (Integer) partition,
                offset == null ? TraceRecord.NO_OFFSET : (Long) offset,
                (Long) g.get("timestamp"),
                TimestampType.valueOf(g.get("timestampType").toString()),
                bytes(g.get("key")),
                bytes(g.get("value")),
                headers);
    }

    private static ByteBuffer wrap(byte[] b) {
        return b == null ? null : ByteBuffer.wrap(b);
    }

    private static byte[] bytes(Object o) {
        if (o == null) {
            return null;
        }
        ByteBuffer b = ((ByteBuffer) o).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
