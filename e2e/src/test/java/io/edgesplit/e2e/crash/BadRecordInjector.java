package io.edgesplit.e2e.crash;

import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.recording.TraceCursor;
import io.edgesplit.kafka.recording.TraceManifest;
import io.edgesplit.kafka.recording.TraceReader;
import io.edgesplit.kafka.recording.TraceRecord;
import io.edgesplit.kafka.recording.TraceWriter;
import io.edgesplit.schemas.AvroCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a trace from {@code edgesplit gen-trace} and mixes in records the job cannot decode (gen
 * -trace writes only good ones): values that are not single-object encoded, that name an unknown
 * schema fingerprint, that are truncated after a valid header, and empty values, on the frames and
 * telemetry topics in turn, at seeded times spread over the trace. Each carries a unique marker, so
 * its dead letter can be recognised. Also lists the frames of the trace.
 */
final class BadRecordInjector {

    /** What the copy holds. */
    record Injected(List<BadRecord> badRecords, Set<RunOutput.FrameKey> frames, long spanMs) {}

    private static final String[] KINDS = {
        "not Avro single-object encoded", "unknown fingerprint", "truncated body", "empty value"
    };

    private BadRecordInjector() {}

    /** Writes {@code source} plus {@code count} bad records into the new trace {@code target}. */
    static Injected inject(Path source, Path target, int count, long seed) {
        TraceReader reader = TraceReader.open(source);
        TraceManifest manifest = reader.manifest();
        Deque<BadRecord> pending = new ArrayDeque<>(plan(manifest, count, seed));
        Map<String, byte[]> headers = new HashMap<>();
        Set<RunOutput.FrameKey> frames = new TreeSet<>();
        AvroCodec<Frame> frameCodec = AvroCodec.of(Frame.class);
        List<BadRecord> written = new ArrayList<>();
        try (TraceWriter writer =
                        TraceWriter.builder(target)
                                .createdBy("edgesplit crash harness")
                                .createdAt(Instant.parse(manifest.createdAt()))
                                .source("copy-of", source.toString())
                                .source("bad-records", Integer.toString(count))
                                .source("bad-records-seed", Long.toString(seed))
                                .topics(manifest.topicNames())
                                .create();
                TraceCursor records = reader.records(manifest.topicNames())) {
            while (records.hasNext()) {
                TraceRecord r = records.next();
                headers.putIfAbsent(r.topic(), Arrays.copyOf(r.value(), AvroCodec.HEADER_BYTES));
                while (!pending.isEmpty() && pending.peek().timestamp() < r.timestamp()) {
                    written.add(append(writer, pending.poll(), headers));
                }
                writer.append(r);
                if (r.topic().equals(EdgesplitTopics.DEFAULT_FRAMES)) {
                    Frame f = frameCodec.decode(r.value());
                    frames.add(new RunOutput.FrameKey(f.getDeviceId().toString(), f.getFrameId()));
                }
            }
            while (!pending.isEmpty()) {
                written.add(append(writer, pending.poll(), headers));
            }
            writer.finish();
        }
        return new Injected(List.copyOf(written), frames, manifest.spanMs());
    }

    /** The bad records' roles, keys, kinds and times; their bytes are made when written. */
    private static List<BadRecord> plan(TraceManifest manifest, int count, long seed) {
        Random random = new Random(seed);
        long first = manifest.firstTimestamp() == null ? 0 : manifest.firstTimestamp();
        long span = Math.max(1, manifest.spanMs());
        List<BadRecord> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String role = i % 2 == 0 ? "frames" : "telemetry";
            String kind = KINDS[(i / 2) % KINDS.length];
            // spread evenly over the middle 80% of the trace, jittered by up to half a slot
            double slot = 0.8 * span / count;
            long t = first + (long) (0.1 * span + slot * (i + 0.5 + random.nextDouble() - 0.5));
            String key = String.format("cam-%02d", random.nextInt(2));
            plan.add(new BadRecord(role, key, "", kind, t));
        }
        plan.sort(Comparator.comparingLong(BadRecord::timestamp));
        return plan;
    }

    private static BadRecord append(
            TraceWriter writer, BadRecord planned, Map<String, byte[]> headers) {
        String topic = "edgesplit." + planned.role();
        String marker = "crash-harness bad record at " + planned.timestamp();
        byte[] value = bytes(planned.kind(), marker, headers.get(topic));
        writer.append(TraceRecord.generated(topic, planned.key(), value, planned.timestamp()));
        return new BadRecord(
                planned.role(),
                planned.key(),
                new String(value, StandardCharsets.ISO_8859_1),
                planned.kind(),
                planned.timestamp());
    }

    private static byte[] bytes(String kind, String marker, byte[] validHeader) {
        byte[] text = marker.getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case "not Avro single-object encoded" ->
                    ("{\"bad\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8);
            case "unknown fingerprint" ->
                    concat(
                            new byte[] {
                                AvroCodec.MARKER_0, AvroCodec.MARKER_1, 1, 2, 3, 4, 5, 6, 7, 8
                            },
                            text);
            // 'c' (0x63) as the first byte of a body is a negative string length: malformed
            case "truncated body" -> concat(validHeader == null ? new byte[0] : validHeader, text);
            case "empty value" -> new byte[0];
            default -> throw new IllegalArgumentException("unknown bad-record kind " + kind);
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
