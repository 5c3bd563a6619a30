package io.edgesplit.kafka.recording;

import static io.edgesplit.kafka.recording.TraceSamples.FRAMES;
import static io.edgesplit.kafka.recording.TraceSamples.TELEMETRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.AvroSamples;
import io.edgesplit.schemas.AvroSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The trace directory format: round trip, manifest, merge order, reproducibility. */
class TraceFormatTest {

    @TempDir Path tmp;

    @Test
    void roundTripKeepsEveryRecordByteForByte() {
        List<TraceRecord> records = TraceSamples.mixed();
        Path dir = tmp.resolve("trace");

        TraceSamples.write(dir, records);
        List<TraceRecord> back = TraceSamples.readAll(dir);

        assertThat(back).containsExactlyInAnyOrderElementsOf(records);
        assertThat(byPartition(back)).isEqualTo(byPartition(records));
        assertThat(back)
                .extracting(TraceRecord::timestamp)
                .isSortedAccordingTo(Comparator.naturalOrder());
        TraceRecord withHeaders = back.stream().filter(r -> r.offset() == 100).findFirst().get();
        assertThat(withHeaders.headers())
                .containsExactly(TraceHeader.of("trace-id", "f0"), new TraceHeader("x", null));
        assertThat(back).anyMatch(r -> r.key() == null).anyMatch(r -> r.value() == null);
    }

    @Test
    void manifestDescribesTheTrace() throws IOException {
        List<TraceRecord> records = TraceSamples.mixed();
        Path dir = tmp.resolve("trace");

        TraceManifest m = TraceSamples.write(dir, records);

        assertThat(TraceReader.open(dir).manifest()).isEqualTo(m);
        assertThat(m.format()).isEqualTo("edgesplit-trace");
        assertThat(m.formatVersion()).isEqualTo(1);
        assertThat(m.createdBy()).isEqualTo("test");
        assertThat(m.createdAt()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(m.source()).containsExactly(Map.entry("origin", "TraceSamples"));
        assertThat(m.compression()).isEqualTo("none");
        assertThat(m.records()).isEqualTo(60);
        assertThat(m.bytes()).isEqualTo(records.stream().mapToLong(TraceRecord::sizeBytes).sum());
        assertThat(m.firstTimestamp()).isEqualTo(AvroSamples.T0);
        assertThat(m.lastTimestamp()).isEqualTo(AvroSamples.T0 + 39 * 10);
        assertThat(m.topicNames()).containsExactly(TELEMETRY, FRAMES);

        TraceManifest.TopicEntry telemetry = m.topic(TELEMETRY);
        assertThat(telemetry.records()).isEqualTo(40);
        assertThat(telemetry.otherValues()).isZero();
        assertThat(telemetry.schemas())
                .containsExactly(
                        new TraceManifest.SchemaCount(
                                fingerprint(DeviceTelemetry.class), "DeviceTelemetry", 40));
        assertThat(telemetry.files())
                .extracting(TraceManifest.StreamFile::path)
                .containsExactly(TELEMETRY + "/partition-0.avro", TELEMETRY + "/partition-1.avro");
        assertThat(telemetry.partitionCount()).isEqualTo(2);

        TraceManifest.TopicEntry frames = m.topic(FRAMES);
        assertThat(frames.schemas())
                .containsExactly(
                        new TraceManifest.SchemaCount(fingerprint(Frame.class), "Frame", 18));
        assertThat(frames.otherValues()).isEqualTo(2);
        TraceManifest.StreamFile file = frames.files().get(0);
        assertThat(file.partition()).isZero();
        assertThat(file.records()).isEqualTo(20);
        assertThat(file.firstOffset()).isEqualTo(100);
        assertThat(file.lastOffset()).isEqualTo(119);
        assertThat(file.fileBytes()).isEqualTo(Files.size(dir.resolve(file.path())));
        assertThat(file.crc32()).matches("[0-9a-f]{8}");

        String json = Files.readString(dir.resolve("manifest.json"));
        assertThat(json)
                .startsWith("{\n  \"format\" : \"edgesplit-trace\",\n  \"formatVersion\" : 1,")
                .contains("\"type\" : \"Frame\"");
    }

    @Test
    void mergeKeepsEachPartitionsOrderEvenWhenTimestampsGoBack() {
        long t = AvroSamples.T0;
        List<TraceRecord> records =
                List.of(
                        TraceSamples.recorded("a", 0, 0, t + 50, "k1", new byte[] {1}),
                        TraceSamples.recorded("a", 0, 1, t + 10, "k1", new byte[] {2}),
                        TraceSamples.recorded("a", 0, 2, t + 60, "k1", new byte[] {3}),
                        TraceSamples.recorded("b", 0, 0, t + 20, "k2", new byte[] {4}),
                        TraceSamples.recorded("b", 0, 1, t + 50, "k2", new byte[] {5}));
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, records);

        List<TraceRecord> back = TraceSamples.readAll(dir);

        // "a" holds 50 at its head, so "b"'s 20 goes first; the tie at 50 goes to "a", listed first
        assertThat(back).extracting(r -> (int) r.value()[0]).containsExactly(4, 1, 2, 5, 3);
    }

    @Test
    void readsASubsetOfTopics() {
        Path dir = tmp.resolve("trace");
        TraceSamples.write(dir, TraceSamples.mixed());
        TraceReader reader = TraceReader.open(dir);

        List<TraceRecord> frames = new ArrayList<>();
        try (TraceCursor c = reader.records(List.of(FRAMES))) {
            c.forEachRemaining(frames::add);
        }

        assertThat(frames).hasSize(20).allMatch(r -> r.topic().equals(FRAMES));
        assertThatThrownBy(() -> reader.records(List.of("nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "topic 'nope' is not in the trace "
                                + dir
                                + " (it has t.telemetry, t.frames)");
    }

    @Test
    void declaredTopicsComeFirstAndMayBeEmpty() {
        Path dir = tmp.resolve("trace");
        try (TraceWriter w = TraceWriter.builder(dir).topics(List.of("quiet", FRAMES)).create()) {
            w.append(TraceSamples.recorded(TELEMETRY, 0, 0, 5, "k", new byte[] {1}));
            w.append(TraceSamples.recorded(FRAMES, 0, 0, 5, "k", new byte[] {2}));
        }

        TraceManifest m = TraceReader.open(dir).manifest();

        assertThat(m.topicNames()).containsExactly("quiet", FRAMES, TELEMETRY);
        assertThat(m.topic("quiet").records()).isZero();
        assertThat(m.topic("quiet").firstTimestamp()).isNull();
        // at equal timestamps the topic listed first goes first
        assertThat(TraceSamples.readAll(dir))
                .extracting(TraceRecord::topic)
                .containsExactly(FRAMES, TELEMETRY);
    }

    @Test
    void generatedRecordsHaveNoPartitionOrOffset() {
        Path dir = tmp.resolve("trace");
        TraceRecord r = TraceRecord.generated(FRAMES, "cam-00", TraceSamples.frame("cam-00", 0), 7);
        TraceSamples.write(dir, List.of(r));

        TraceManifest.StreamFile f = TraceReader.open(dir).manifest().topic(FRAMES).files().get(0);

        assertThat(TraceSamples.readAll(dir)).containsExactly(r);
        assertThat(f.path()).isEqualTo(FRAMES + "/records.avro");
        assertThat(f.partition()).isNull();
        assertThat(f.firstOffset()).isNull();
        assertThat(TraceReader.open(dir).manifest().topic(FRAMES).partitionCount()).isZero();
    }

    @Test
    void sameRecordsGiveByteIdenticalDirectories() throws IOException {
        TraceSamples.write(tmp.resolve("one"), TraceSamples.mixed());
        TraceSamples.write(tmp.resolve("two"), TraceSamples.mixed());

        assertThat(contents(tmp.resolve("two"))).isEqualTo(contents(tmp.resolve("one")));
    }

    @ParameterizedTest
    @EnumSource(TraceCompression.class)
    void everyCompressionRoundTrips(TraceCompression compression) {
        List<TraceRecord> records = TraceSamples.mixed();
        Path dir = tmp.resolve("trace");
        try (TraceWriter w = TraceWriter.builder(dir).compression(compression).create()) {
            records.forEach(w::append);
        }

        assertThat(TraceReader.open(dir).manifest().compression()).isEqualTo(compression.cliName());
        assertThat(TraceSamples.readAll(dir)).containsExactlyInAnyOrderElementsOf(records);
        assertThat(TraceReader.open(dir).verify()).isEqualTo(records.size());
    }

    @Test
    void writerRefusesANonEmptyDirectoryABadTopicAndAppendsAfterFinish() throws IOException {
        Files.writeString(tmp.resolve("x.txt"), "x");
        assertThatThrownBy(() -> TraceWriter.builder(tmp).create())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tmp + ": not empty; write the trace to a new or empty directory");

        TraceWriter w = TraceWriter.builder(tmp.resolve("t")).create();
        assertThatThrownBy(
                        () -> w.append(TraceSamples.recorded("manifest.json", 0, 0, 1, "k", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "topic 'manifest.json' cannot be stored in a trace: its directory would"
                                + " clash with manifest.json");
        w.finish();
        assertThatThrownBy(() -> w.append(TraceSamples.recorded("a", 0, 0, 1, "k", null)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Map<String, List<TraceRecord>> byPartition(List<TraceRecord> records) {
        return records.stream()
                .collect(Collectors.groupingBy(r -> r.topic() + "-" + r.partition()));
    }

    private static String fingerprint(Class<? extends org.apache.avro.specific.SpecificRecord> t) {
        return String.format("0x%016x", AvroSchemas.fingerprint(AvroSchemas.current(t)));
    }

    private static Map<String, String> contents(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            Map<String, String> out = new java.util.TreeMap<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(
                        dir.relativize(f).toString(),
                        java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
            return out;
        }
    }
}
