package io.edgesplit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.avro.DeviceTelemetry;
import io.edgesplit.avro.Frame;
import io.edgesplit.kafka.recording.TraceCursor;
import io.edgesplit.kafka.recording.TraceManifest;
import io.edgesplit.kafka.recording.TraceReader;
import io.edgesplit.kafka.recording.TraceRecord;
import io.edgesplit.schemas.AvroCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgesplit gen-trace}: the demo's scenario as a trace, reproducible byte for byte. */
class GenTraceCommandTest {

    /** 2 devices x 2 s at 2 fps of the 32x32 test model: 8 frames, 2 x 31 telemetry samples. */
    static final String[] SMALL = {
        "--devices", "2", "--duration", "2s", "--fps", "2", "--model", "tiny-chain"
    };

    private static final Instant START = Instant.parse(GenTraceCommand.DEFAULT_START);

    @TempDir Path tmp;

    static CliRun genTrace(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("gen-trace", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void sameArgumentsGiveByteIdenticalTraces() throws IOException {
        CliRun one = genTrace(tmp.resolve("one"), SMALL);
        CliRun two = genTrace(tmp.resolve("two"), SMALL);
        CliRun otherSeed = genTrace(tmp.resolve("seed8"), with(SMALL, "--seed", "8"));

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(two.exitCode()).isZero();
        assertThat(otherSeed.exitCode()).as(otherSeed.err()).isZero();
        assertThat(contents(tmp.resolve("two"))).isEqualTo(contents(tmp.resolve("one")));
        assertThat(contents(tmp.resolve("seed8")).get("edgesplit.frames/records.avro"))
                .isNotEqualTo(contents(tmp.resolve("one")).get("edgesplit.frames/records.avro"));
    }

    @Test
    void writesTheScenarioWithEventTimesFromTheFixedStart() {
        Path out = tmp.resolve("trace");

        CliRun r = genTrace(out, SMALL);

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("wrote 70 records (")
                .contains("edgesplit.frames", "edgesplit.telemetry")
                .contains("replay it with: edgesplit replay --bootstrap HOST:PORT --trace " + out);
        TraceReader reader = TraceReader.open(out);
        TraceManifest m = reader.manifest();
        assertThat(m.topicNames()).containsExactly("edgesplit.telemetry", "edgesplit.frames");
        assertThat(m.topic("edgesplit.frames").records()).isEqualTo(8);
        assertThat(m.topic("edgesplit.telemetry").records()).isEqualTo(62);
        assertThat(m.topic("edgesplit.frames").schemas())
                .extracting(TraceManifest.SchemaCount::type)
                .containsExactly("Frame");
        assertThat(m.createdAt()).isEqualTo(GenTraceCommand.DEFAULT_START);
        assertThat(m.firstTimestamp()).isEqualTo(START.toEpochMilli());
        assertThat(m.lastTimestamp()).isEqualTo(START.toEpochMilli() + 3000);
        assertThat(m.source()).containsEntry("model", "tiny-chain").containsEntry("seed", "42");

        try (TraceCursor c = reader.records(List.of())) {
            while (c.hasNext()) {
                TraceRecord rec = c.next();
                assertThat(rec.recorded()).isFalse();
                long eventTime =
                        rec.topic().equals("edgesplit.frames")
                                ? AvroCodec.of(Frame.class)
                                        .decode(rec.value())
                                        .getCaptureTime()
                                        .toEpochMilli()
                                : AvroCodec.of(DeviceTelemetry.class)
                                        .decode(rec.value())
                                        .getEventTime()
                                        .toEpochMilli();
                assertThat(rec.timestamp()).isEqualTo(eventTime);
                assertThat(rec.keyString()).isIn("cam-00", "cam-01");
            }
        }
    }

    @Test
    void takesTheUplinkFromABandwidthTrace() {
        Path out = tmp.resolve("trace");

        CliRun r = genTrace(out, with(SMALL, "--trace", "const:5M"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        try (TraceCursor c = TraceReader.open(out).records(List.of("edgesplit.telemetry"))) {
            DeviceTelemetry t = AvroCodec.of(DeviceTelemetry.class).decode(c.next().value());
            assertThat(t.getUplinkBps()).isEqualTo(5e6);
        }
    }

    @Test
    void refusesBadInputWithOneLine() {
        Path out = tmp.resolve("trace");

        assertThat(genTrace(out, "--uplink", "1e6,1e5", "--trace", "const:5M"))
                .isEqualTo(
                        new CliRun(
                                2,
                                "",
                                "edgesplit gen-trace: --uplink and --trace both give the uplink: use one"
                                        + " of them\n"));
        assertThat(genTrace(out, "--model", "lenet").err())
                .startsWith(
                        "edgesplit gen-trace: --model lenet is not a built-in model: use one of");
        assertThat(genTrace(out, "--trace-format", "ucc").err())
                .isEqualTo("edgesplit gen-trace: --trace-format needs --trace FILE\n");
        assertThat(genTrace(out, "--start", "yesterday").exitCode()).isEqualTo(2);
        assertThat(Files.exists(out)).isFalse();
    }

    static String[] with(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.put(
                        dir.relativize(f).toString(),
                        HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return out;
    }
}
