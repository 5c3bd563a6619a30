package io.edgesplit.kafka.recording;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;

/** Trace records for tests: two topics, several partitions, every kind of key, value and header. */
final class TraceSamples {

    static final String TELEMETRY = "t.telemetry";
    static final String FRAMES = "t.frames";
    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

    private TraceSamples() {}

    static byte[] telemetry(String device, long ts) {
        return AvroCodec.of(DeviceTelemetry.class)
                .encode(AvroSamples.telemetry(device, ts, 1e6 + ts % 1000));
    }

    static byte[] frame(String device, long frameId) {
        Frame f = AvroSamples.frame(device, frameId, 64);
        return AvroCodec.of(Frame.class).encode(f);
    }

    static TraceRecord recorded(
            String topic, int partition, long offset, long ts, String key, byte[] value) {
        return new TraceRecord(
                topic,
                partition,
                offset,
                ts,
                TimestampType.CREATE_TIME,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value,
                List.of());
    }

    /**
     * 40 telemetry records on partitions 0/1 and 20 frames on partition 0, timestamps interleaved,
     * plus odd ones: a null key, a tombstone, a non-Avro value, headers (one with a null value) and
     * a LogAppendTime record.
     */
    static List<TraceRecord> mixed() {
        List<TraceRecord> out = new ArrayList<>();
        long t0 = AvroSamples.T0;
        long[] offsets = new long[2];
        for (int i = 0; i < 40; i++) {
            String device = "cam-" + (i % 4);
            int p = i % 4 < 2 ? 0 : 1;
            out.add(
                    recorded(
                            TELEMETRY,
                            p,
                            offsets[p]++,
                            t0 + i * 10,
                            device,
                            telemetry(device, t0 + i * 10)));
        }
        for (int i = 0; i < 20; i++) {
            List<TraceHeader> headers =
                    i % 5 == 0
                            ? List.of(
                                    TraceHeader.of("trace-id", "f" + i), new TraceHeader("x", null))
                            : List.of();
            out.add(
                    new TraceRecord(
                            FRAMES,
                            0,
                            100 + i,
                            t0 + i * 20 + 5,
                            i == 7 ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME,
                            i == 3 ? null : ("cam-" + i % 2).getBytes(StandardCharsets.UTF_8),
                            i == 4
                                    ? null
                                    : i == 5
                                            ? "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)
                                            : frame("cam-" + i % 2, i),
                            headers));
        }
        return out;
    }

    /** Writes {@code records} (in this order) into a new trace in {@code dir}. */
    static TraceManifest write(Path dir, List<TraceRecord> records) {
        try (TraceWriter w =
                TraceWriter.builder(dir)
                        .createdBy("test")
                        .createdAt(CREATED)
                        .source("origin", "TraceSamples")
                        .create()) {
            records.forEach(w::append);
            return w.finish();
        }
    }

    /** Every record of the trace in merged order. */
    static List<TraceRecord> readAll(Path dir) {
        List<TraceRecord> out = new ArrayList<>();
        try (TraceCursor c = TraceReader.open(dir).records(List.of())) {
            c.forEachRemaining(out::add);
        }
        return out;
    }
}
