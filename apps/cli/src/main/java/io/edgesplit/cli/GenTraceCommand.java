package io.edgesplit.cli;

import io.edgesplit.cli.demo.DemoScenarios;
import io.edgesplit.core.device.DeviceProfiles;
import io.edgesplit.core.model.TensorSpec;
import io.edgesplit.core.trace.BandwidthTrace;
import io.edgesplit.core.trace.TraceFormat;
import io.edgesplit.core.trace.Traces;
import io.edgesplit.job.workload.ScenarioSpec;
import io.edgesplit.kafka.EdgesplitTopics;
import io.edgesplit.kafka.recording.TraceCompression;
import io.edgesplit.kafka.recording.TraceManifest;
import io.edgesplit.kafka.recording.TraceWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code edgesplit gen-trace}: a synthetic camera scenario written as a trace directory. */
@Command(
        name = "gen-trace",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic camera scenario (the demo's generator: devices streaming frames of a"
                    + " built-in model, telemetry with each device's uplink from a bandwidth trace) as a"
                    + " trace directory, to be replayed into any cluster with `edgesplit replay`.",
            "Event times start at --start, so the same arguments always give the same bytes."
        })
public final class GenTraceCommand implements Callable<Integer> {

    /** Default scenario start: a fixed instant, so the output is reproducible. */
    static final String DEFAULT_START = "2025-01-01T00:00:00Z";

    @Spec private CommandSpec spec;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Trace directory to write; must not exist or be empty.")
    private Path out;

    @Option(
            names = "--devices",
            defaultValue = "8",
            paramLabel = "N",
            description = "Devices, ids cam-00, cam-01, ... (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(
            names = "--duration",
            defaultValue = "30s",
            converter = DurationConverter.class,
            paramLabel = "D",
            description = "Length of the frame stream, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    private Duration duration;

    @Option(
            names = "--fps",
            defaultValue = "5",
            paramLabel = "F",
            description = "Frames per second per device (default: ${DEFAULT-VALUE}).")
    private double fps;

    @Option(
            names = "--model",
            defaultValue = "mobilenetv2",
            paramLabel = "NAME",
            description =
                    "Built-in model the frames are for; frames carry its raw input (see `edgesplit"
                            + " models`; default: ${DEFAULT-VALUE}).")
    private String model;

    @Option(
            names = "--device-type",
            defaultValue = "jetson-tx2",
            split = ",",
            paramLabel = "T",
            description =
                    "Device profile(s), assigned round robin: ${COMPLETION-CANDIDATES} (default:"
                            + " ${DEFAULT-VALUE}).",
            completionCandidates = DemoCommand.DeviceNames.class)
    private List<String> deviceTypes;

    @Option(
            names = "--uplink",
            split = ",",
            paramLabel = "GOOD,BAD",
            hideParamSyntax = true,
            description =
                    "Good and bad uplink in bit/s of each device's two-state channel, as in the"
                            + " demo (default: 20e6,2e6 unless --trace is given).")
    private List<Double> uplink;

    @Option(
            names = "--trace",
            paramLabel = "FILE|GEN",
            description =
                    "Uplink bandwidth trace instead of --uplink: a file (Norway, Belgium, Mahimahi,"
                            + " Pensieve, FCC, UCC formats) or a generator (const:10M,"
                            + " step:10M@30,2M@30, ge:good=..,bad=.., walk:...). Repeat it to give"
                            + " devices different traces, round robin.")
    private List<String> traces;

    @Option(
            names = "--trace-format",
            paramLabel = "F",
            description =
                    "Format of the --trace files: ${COMPLETION-CANDIDATES} (default: detect).",
            completionCandidates = TraceFormatNames.class)
    private String traceFormat;

    @Option(
            names = "--telemetry-hz",
            defaultValue = "10",
            paramLabel = "HZ",
            description = "Telemetry samples per second per device (default: ${DEFAULT-VALUE}).")
    private double telemetryHz;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the frames and channels (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--start",
            defaultValue = DEFAULT_START,
            converter = InstantConverter.class,
            paramLabel = "TIME",
            description =
                    "Event time of the scenario start, ISO-8601 UTC (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(
            names = "--compression",
            defaultValue = "none",
            paramLabel = "C",
            description =
                    "Block compression of the files: none, deflate, snappy, zstd (default:"
                            + " ${DEFAULT-VALUE}).")
    private String compression;

    @Override
    public Integer call() {
        validate();
        TraceCompression codec = TraceCompression.fromName(compression);
        TraceFormat format = traceFormat == null ? null : TraceFormat.fromName(traceFormat);
        TensorSpec input = DemoScenarios.modelInput(model);
        ScenarioSpec scenario =
                new ScenarioSpec(
                        devices,
                        duration.toMillis(),
                        fps,
                        model,
                        input,
                        deviceTypes,
                        channels(format),
                        telemetryHz,
                        seed);
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                Locale.ROOT,
                "edgesplit gen-trace: %d devices x %s at %s fps of %s (%s per frame) into %s%n",
                devices,
                ProgressLine.duration(duration.toMillis()),
                fps,
                model,
                ProgressLine.bytes(input.bytes()),
                out);
        err.flush();
        TraceManifest manifest = write(scenario, codec, new ProgressLine(err));
        report(manifest, spec.commandLine().getOut());
        return 0;
    }

    /** Options that contradict each other, and device types that do not exist. */
    private void validate() {
        if (uplink != null && traces != null) {
            throw new IllegalArgumentException(
                    "--uplink and --trace both give the uplink: use one of them");
        }
        if (uplink != null && uplink.size() != 2) {
            throw new IllegalArgumentException(
                    "--uplink takes two rates, good,bad in bit/s, e.g. 20e6,2e6");
        }
        if (traceFormat != null && traces == null) {
            throw new IllegalArgumentException("--trace-format needs --trace FILE");
        }
        for (String d : deviceTypes) {
            DeviceProfiles.builtin(d);
        }
    }

    /** The devices' uplinks: the --trace files, or two-state channels of --uplink. */
    private List<BandwidthTrace> channels(TraceFormat format) {
        List<BandwidthTrace> channels = new ArrayList<>();
        if (traces != null) {
            for (String t : traces) {
                channels.add(Traces.load(t, format, null));
            }
            return channels;
        }
        double good = uplink == null ? 20e6 : uplink.get(0);
        double bad = uplink == null ? 2e6 : uplink.get(1);
        if (!(good > 0) || !(bad >= 0)) {
            throw new IllegalArgumentException(
                    "--uplink rates must be positive, got " + good + " / " + bad);
        }
        channels.addAll(
                DemoScenarios.twoStateUplinks(
                        devices, good, bad, duration.toMillis() / 1e3 + 10, seed));
        return channels;
    }

    /** Writes the scenario's records into --out, with the options as the trace's sources. */
    private TraceManifest write(
            ScenarioSpec scenario, TraceCompression codec, ProgressLine progress) {
        EdgesplitTopics topics = EdgesplitTopics.defaults();
        try (TraceWriter writer =
                TraceWriter.builder(out)
                        .createdBy(TraceTable.createdBy("gen-trace"))
                        .createdAt(start)
                        .source("generator", "edgesplit gen-trace")
                        .source("devices", Integer.toString(devices))
                        .source("duration", duration.toString())
                        .source("fps", Double.toString(fps))
                        .source("model", model)
                        .source("deviceTypes", String.join(",", deviceTypes))
                        .source("uplink", uplinkSource())
                        .source("telemetryHz", Double.toString(telemetryHz))
                        .source("seed", Long.toString(seed))
                        .source("start", start.toString())
                        .compression(codec)
                        .topics(List.of(topics.telemetry(), topics.frames()))
                        .create()) {
            DemoScenarios.write(
                    scenario,
                    start.toEpochMilli(),
                    writer,
                    topics.telemetry(),
                    topics.frames(),
                    f -> progress.update(() -> line(f, writer)));
            TraceManifest manifest = writer.finish();
            progress.finish(line(1, writer));
            return manifest;
        }
    }

    private void report(TraceManifest manifest, PrintWriter stdout) {
        stdout.printf(
                Locale.ROOT,
                "wrote %s records (%s) into %s, event time span %s from %s%n",
                ProgressLine.count(manifest.records()),
                ProgressLine.bytes(manifest.bytes()),
                out,
                ProgressLine.duration(manifest.spanMs()),
                start);
        stdout.print(TraceTable.of(manifest));
        stdout.printf(
                "replay it with: edgesplit replay --bootstrap HOST:PORT --trace %s"
                        + " --create-topics%n",
                out);
        stdout.flush();
    }

    private String uplinkSource() {
        if (traces != null) {
            return "trace:"
                    + String.join(",", traces)
                    + (traceFormat == null ? "" : " format:" + traceFormat);
        }
        return uplink == null
                ? "two-state:20e6,2e6"
                : "two-state:"
                        + uplink.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String line(double fraction, TraceWriter w) {
        return String.format(
                Locale.ROOT,
                "%s %3.0f%%  %s records  %s",
                ProgressLine.bar(fraction, 20),
                100 * fraction,
                ProgressLine.count(w.records()),
                ProgressLine.bytes(w.bytes()));
    }

    /** ISO-8601 instants for {@code --start}. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException(
                        "'" + value + "' is not an instant: write e.g. 2025-01-01T00:00:00Z");
            }
        }
    }

    /** Completion candidates: bandwidth-trace formats. */
    static final class TraceFormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TraceFormat.names().iterator();
        }
    }
}
